// SPDX-License-Identifier: Apache-2.0
import { useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { PathEntry } from '../../shared/contract/index.js';
import { pathOfFile } from '../client/file-path.js';
import { usePathCompletion } from './use-path-completion.js';
import './path-field.css';

const separatorOf = (path: string): string => (path.includes('/') ? '/' : '\\');

/**
 * A path on the machine that runs the engine (a browser cannot tell where a picked file is):
 * typed with the engine's completions (a combobox: arrows, Enter, Tab, Escape), or dropped
 * from a file manager in the desktop app. Folders open; with `files`, a file is chosen too
 * (without it, only a folder is chosen).
 */
export function PathField(props: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  files?: boolean;
  onChange: (value: string) => void;
  /** Enter, or a file picked from the list. */
  onChoose?: (path: string) => void;
  /** Beside the input, on its row: a button that acts on the path. */
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [dropNote, setDropNote] = useState<string>();
  const completion = usePathCompletion(props.value, open);
  const entries = completion.current ? completion.entries : [];
  const shown = open && entries.length > 0;
  const usable = (entry: PathEntry | undefined): entry is PathEntry =>
    entry !== undefined && (entry.dir || props.files === true);

  const type = (value: string) => {
    props.onChange(value);
    setActive(-1);
    setOpen(true);
  };
  const pick = (entry: PathEntry) => {
    if (entry.dir) type(`${entry.path}${separatorOf(entry.path)}`);
    else if (props.files) {
      props.onChange(entry.path);
      setOpen(false);
      props.onChoose?.(entry.path);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = entries.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (count > 0) setActive((active + (event.key === 'ArrowDown' ? 1 : -1) + count) % count);
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const entry = shown ? entries[active] : undefined;
      if (usable(entry)) pick(entry);
      else if (props.value.trim()) {
        setOpen(false);
        props.onChoose?.(props.value.trim());
      }
    } else if (event.key === 'Tab' && shown) {
      // A shell's Tab: the highlighted entry, or the only one that matches.
      const candidates = entries.filter(usable);
      const entry = usable(entries[active])
        ? entries[active]
        : candidates.length === 1 && candidates[0];
      if (entry) {
        event.preventDefault();
        pick(entry);
      }
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    const path = file ? pathOfFile(file) : undefined;
    if (path) {
      setDropNote(undefined);
      props.onChange(path);
      props.onChoose?.(path);
    } else {
      const what = props.files ? 'file' : 'folder';
      setDropNote(`A browser does not tell where a dropped ${what} is: type its path instead.`);
    }
  };

  const listId = `${props.id}-options`;
  return (
    <div className="path-field" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <div className="path-row">
        <div className="path-combo">
          <input
            id={props.id}
            aria-label={props.label}
            role="combobox"
            aria-expanded={shown}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
            autoComplete="off"
            spellCheck={false}
            className="mono"
            placeholder={props.placeholder}
            value={props.value}
            onChange={(event) => type(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          {shown && (
            <ul id={listId} role="listbox" aria-label={`${props.label}: folders and files`}>
              {entries.map((entry, index) => (
                <li
                  key={entry.path}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  aria-disabled={!usable(entry)}
                  className={usable(entry) ? 'mono' : 'unusable mono'}
                  // Before the input's blur closes the list.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    pick(entry);
                  }}
                >
                  {entry.name}
                  {entry.dir ? separatorOf(entry.path) : ''}
                </li>
              ))}
              {completion.truncated && <li className="muted">… type more to see the rest</li>}
            </ul>
          )}
        </div>
        {props.children}
      </div>
      {open && completion.current && completion.error && (
        <p className="muted">{completion.error}</p>
      )}
      {dropNote && <p className="muted">{dropNote}</p>}
    </div>
  );
}
