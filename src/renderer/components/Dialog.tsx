// SPDX-License-Identifier: Apache-2.0
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import './widgets.css';

/**
 * An in-page modal dialog (Electron does not implement window.prompt). Submitting the form
 * calls onSubmit; Esc, Cancel or a click outside call onClose.
 */
export function Dialog(props: {
  title: string;
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  submitDisabled?: boolean;
  /** Why the last submit did not go through, shown above the buttons. */
  error?: string | undefined;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-label={props.title}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onClick={(event) => {
        if (event.target === dialog.current) props.onClose();
      }}
    >
      <form onSubmit={submit}>
        <h3>{props.title}</h3>
        {props.children}
        {props.error && (
          <p className="error-text" role="alert">
            {props.error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={props.submitDisabled}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
