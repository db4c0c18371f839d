// SPDX-License-Identifier: Apache-2.0
import { useState, type FormEvent } from 'react';
import { boardRef } from '../../../shared/boards.js';
import { useDevices } from '../devices/use-devices.js';

/** One or more boards: ticked in the Devices list, or typed as an address or host name. */
export function BoardChooser(props: { chosen: string[]; onChange: (boards: string[]) => void }) {
  const { items: boards, loaded } = useDevices();
  const [typed, setTyped] = useState('');
  const listed = new Set(boards.map(boardRef));
  const typedOnly = props.chosen.filter((ref) => !listed.has(ref));

  const toggle = (ref: string, on: boolean) =>
    props.onChange(on ? [...props.chosen, ref] : props.chosen.filter((b) => b !== ref));
  const add = (event: FormEvent) => {
    event.preventDefault();
    const ref = typed.trim();
    if (!ref) return;
    if (!props.chosen.includes(ref)) props.onChange([...props.chosen, ref]);
    setTyped('');
  };

  return (
    <fieldset className="push-boards">
      <legend>Boards</legend>
      {loaded && boards.length === 0 && (
        <p className="muted">
          No board listed in Devices yet: type a board&apos;s address below (it is pushed to
          directly).
        </p>
      )}
      <ul className="push-board-list" aria-label="Listed boards">
        {boards.map((board) => {
          const ref = boardRef(board);
          return (
            <li key={board.id}>
              <label>
                <input
                  type="checkbox"
                  checked={props.chosen.includes(ref)}
                  onChange={(event) => toggle(ref, event.target.checked)}
                />
                {board.name}
                {board.address && board.address !== board.name && (
                  <span className="muted mono"> {board.address}</span>
                )}
                {board.engine && <span className="muted"> · {board.engine.arch}</span>}
                {board.engineState === 'down' && (
                  <span className="push-bad"> · engine unreachable</span>
                )}
              </label>
            </li>
          );
        })}
        {typedOnly.map((ref) => (
          <li key={ref}>
            <label>
              <input type="checkbox" checked onChange={() => toggle(ref, false)} />
              <span className="mono">{ref}</span> <span className="muted">(typed)</span>
            </label>
          </li>
        ))}
      </ul>
      <form className="push-row" onSubmit={add}>
        <input
          aria-label="Board address"
          placeholder="10.0.0.12 or a1b2c3d.local"
          className="mono"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" disabled={!typed.trim()}>
          Add board
        </button>
      </form>
    </fieldset>
  );
}
