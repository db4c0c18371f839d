// SPDX-License-Identifier: Apache-2.0
import { memo, type KeyboardEvent } from 'react';
import type { Board } from '../../../shared/contract/index.js';
import { EngineBadge, ReachBadge } from './Badges.js';

export const ROW_HEIGHT = 34;

/** The row `step` rows away (only rows drawn: the list keeps some beyond the view drawn). */
function focusRow(row: HTMLTableRowElement, step: 1 | -1): void {
  let next = step === 1 ? row.nextElementSibling : row.previousElementSibling;
  while (next && !(next instanceof HTMLTableRowElement && next.tabIndex === 0))
    next = step === 1 ? next.nextElementSibling : next.previousElementSibling;
  if (next instanceof HTMLTableRowElement) next.focus();
}

/** "14:03:21" today, else the date too: how long ago matters less than when. */
export function lastSeenText(iso: string, now = new Date()): string {
  const seen = new Date(iso);
  if (Number.isNaN(seen.getTime())) return 'unknown';
  const time = seen.toLocaleTimeString('en-GB');
  return seen.toDateString() === now.toDateString()
    ? time
    : `${seen.toISOString().slice(0, 10)} ${time}`;
}

/**
 * One board's row. Memoised on the board record, which the list replaces only when that board
 * changed: a probe result for one board re-renders one row, not every row in view.
 */
export const BoardRow = memo(function BoardRow(props: {
  board: Board;
  rowIndex: number;
  selected: boolean;
  onSelect: (id: string) => void;
  onForget: (board: Board) => void;
}) {
  const { board, onSelect } = props;
  const onKey = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(board.id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1);
    }
  };
  return (
    <tr
      className={`device-row${props.selected ? ' selected' : ''}${board.left ? ' left' : ''}`}
      style={{ height: ROW_HEIGHT }}
      aria-rowindex={props.rowIndex}
      aria-selected={props.selected}
      tabIndex={0}
      data-testid="device-row"
      onClick={() => onSelect(board.id)}
      onKeyDown={onKey}
    >
      <td>
        <strong>{board.name}</strong>
        {board.addedByHand && <span className="muted"> (added)</span>}
        {board.left && (
          <>
            <span className="muted" data-testid="last-seen">
              {' '}
              left, last seen {lastSeenText(board.lastSeen)}
            </span>{' '}
            <button
              type="button"
              className="link"
              onClick={(event) => {
                event.stopPropagation();
                props.onForget(board);
              }}
            >
              Forget
            </button>
          </>
        )}
      </td>
      <td className="mono">{board.address ?? 'does not resolve'}</td>
      <td>{board.interface ?? '-'}</td>
      <td>
        <EngineBadge board={board} />
      </td>
      <td className="mono">{board.engine?.arch ?? '-'}</td>
      <td>
        <ReachBadge
          state={board.supervisor.state}
          up="up"
          down="unreachable"
          title={board.supervisor.error}
        />
      </td>
      <td>
        <ReachBadge
          state={board.ssh.state}
          up={`open :${board.sshPort}`}
          down="closed"
          title={board.ssh.error}
        />
      </td>
    </tr>
  );
});
