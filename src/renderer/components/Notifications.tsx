// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import { describeError } from '../../shared/errors.js';
import type { Job } from '../../shared/jobs.js';
import { useEvent } from '../client/client-context.js';
import { toastLifetimeMs, type Toast } from './toast-policy.js';

/** At most this many at once: the oldest goes first. */
const SHOWN = 3;

function toastFor(job: Job): Toast | undefined {
  if (job.state === 'succeeded')
    return { id: job.id, kind: 'success', title: `${job.title}: done`, text: '' };
  if (job.state === 'cancelled')
    return { id: job.id, kind: 'info', title: `${job.title}: cancelled`, text: '' };
  if (job.state === 'failed' && job.error) {
    return {
      id: job.id,
      kind: 'error',
      title: `${job.title}: failed`,
      text: describeError(job.error),
    };
  }
  return undefined;
}

function ToastView(props: { toast: Toast; onDismiss: (id: string) => void }) {
  const { toast, onDismiss } = props;
  useEffect(() => {
    const lifetime = toastLifetimeMs(toast.kind);
    if (lifetime === undefined) return undefined;
    const timer = setTimeout(() => onDismiss(toast.id), lifetime);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
    >
      <strong>{toast.title}</strong>
      {toast.text && <p>{toast.text}</p>}
      <button type="button" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

/**
 * A toast when a job ends, so a finished flash is noticed from any pane. They sit in their own
 * strip above the status bar, never over a pane; they leave by themselves, errors excepted.
 */
export function Notifications() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEvent('job.update', (job) => {
    const toast = toastFor(job);
    if (toast)
      setToasts((current) => [...current.filter((t) => t.id !== toast.id), toast].slice(-SHOWN));
  });
  const [dismiss] = useState(
    () => (id: string) => setToasts((current) => current.filter((t) => t.id !== id)),
  );
  if (toasts.length === 0) return null;
  return (
    <div className="notifications" aria-live="assertive">
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} onDismiss={dismiss} />
      ))}
    </div>
  );
}
