// SPDX-License-Identifier: Apache-2.0
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { pathOfFile } from '../../client/file-path.js';
import { usePathCompletion } from '../../components/use-path-completion.js';

const separatorOf = (path: string): string => (path.includes('/') ? '/' : '\\');

/**
 * The project folder, on the machine that runs the engine: typed with the engine's completions
 * (a combobox: arrows, Enter, Tab, Escape), or dropped from a file manager in the desktop app.
 */
export function ProjectPathField(props: {
  value: string;
  onChange: (value: string) => void;
  onChoose: (path: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [dropNote, setDropNote] = useState<string>();
  const completion = usePathCompletion(props.value, open);
  const entries = completion.current ? completion.entries : [];
  const shown = open && entries.length > 0;

  const type = (value: string) => {
    props.onChange(value);
    setActive(-1);
    setOpen(true);
  };
  const pick = (entry: PathEntry) => {
    if (entry.dir) type(`${entry.path}${separatorOf(entry.path)}`);
  };
  const choose = () => {
    const path = props.value.trim();
    if (!path) return;
    setOpen(false);
    props.onChoose(path.length > 1 ? path.replace(/[\\/]+$/, '') : path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = entries.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (count > 0) {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((active + step + count) % count);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const entry = shown ? entries[active] : undefined;
      if (entry?.dir) pick(entry);
      else choose();
    } else if (event.key === 'Tab' && shown) {
      // A shell's Tab: the highlighted folder, or the only folder that matches.
      const folders = entries.filter((e) => e.dir);
      const entry = entries[active]?.dir ? entries[active] : folders.length === 1 && folders[0];
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
      props.onChoose(path);
    } else {
      setDropNote('A browser does not tell where a dropped folder is: type its path instead.');
    }
  };

  return (
    <div className="push-path" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <label htmlFor="push-path-input">Project folder</label>
      <div className="push-row">
        <div className="push-combo">
          <input
            id="push-path-input"
            role="combobox"
            aria-expanded={shown}
            aria-controls="push-path-options"
            aria-autocomplete="list"
            aria-activedescendant={shown && active >= 0 ? `push-path-option-${active}` : undefined}
            autoComplete="off"
            spellCheck={false}
            className="mono"
            placeholder="/home/me/my-app, on the machine running Benchtop's engine"
            value={props.value}
            onChange={(event) => type(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          {shown && (
            <ul id="push-path-options" role="listbox" aria-label="Folders and files">
              {entries.map((entry, index) => (
                <li
                  key={entry.path}
                  id={`push-path-option-${index}`}
                  role="option"
                  aria-selected={index === active}
                  aria-disabled={!entry.dir}
                  className={entry.dir ? 'dir mono' : 'file mono'}
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
        <button type="button" onClick={choose} disabled={!props.value.trim()}>
          Open project
        </button>
      </div>
      {open && completion.current && completion.error && (
        <p className="muted" data-testid="path-hint">
          {completion.error}
        </p>
      )}
      <p className="muted">
        Folders complete from the engine&apos;s disk; in the desktop app a folder can be dropped
        here.{dropNote && ` ${dropNote}`}
      </p>
    </div>
  );
}
