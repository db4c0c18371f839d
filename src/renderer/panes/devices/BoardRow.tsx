// SPDX-License-Identifier: Apache-2.0
import { memo, type KeyboardEvent } from 'react';
import type { Board } from '../../../shared/contract/index.js';
import { EngineBadge, ReachBadge } from './Badges.js';
import { RecordCells, StatusCell } from './InventoryCells.js';
import { lastSeenText, rowStatus, type PaneRow } from './pane-rows.js';

export const ROW_HEIGHT = 34;

/** The row `step` rows away (only rows drawn: the list keeps some beyond the view drawn). */
function focusRow(row: HTMLTableRowElement, step: 1 | -1): void {
  let next = step === 1 ? row.nextElementSibling : row.previousElementSibling;
  while (next && !(next instanceof HTMLTableRowElement && next.tabIndex === 0))
    next = step === 1 ? next.nextElementSibling : next.previousElementSibling;
  if (next instanceof HTMLTableRowElement) next.focus();
}

/** The columns of a board heard now: address, interface and what its probes found. */
function LiveCells(props: { board: Board }) {
  const { board } = props;
  return (
    <>
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
    </>
  );
}

/** A record no board heard now joins: where it was last seen, nothing probed. */
function AbsentCells(props: { row: PaneRow }) {
  const presence = props.row.record?.presence;
  return (
    <>
      <td className="mono">{presence?.address ?? '-'}</td>
      <td>{presence?.interface ?? '-'}</td>
      <td>-</td>
      <td>-</td>
      <td>-</td>
      <td>-</td>
    </>
  );
}

/**
 * One board's row. Memoised on the row, which the list replaces only when its board or record
 * changed: a probe result for one board re-renders one row, not every row in view.
 */
export const BoardRow = memo(function BoardRow(props: {
  row: PaneRow;
  rowIndex: number;
  selected: boolean;
  onSelect: (key: string) => void;
  onForget: (board: Board) => void;
  /** Picked for a group action. */
  checked: boolean;
  onCheck: (key: string) => void;
}) {
  const { row, onSelect } = props;
  const board = row.live;
  const onKey = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(row.key);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1);
    }
  };
  // Greyed: a board that left, or a record of a board not heard now.
  const away = rowStatus(row) !== 'online';
  return (
    <tr
      className={`device-row${props.selected ? ' selected' : ''}${away ? ' left' : ''}`}
      style={{ height: ROW_HEIGHT }}
      aria-rowindex={props.rowIndex}
      aria-selected={props.selected}
      tabIndex={0}
      data-testid="device-row"
      onClick={() => onSelect(row.key)}
      onKeyDown={onKey}
    >
      <td onClick={(event) => event.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={`Select ${row.name}`}
          checked={props.checked}
          onChange={() => props.onCheck(row.key)}
        />
      </td>
      <td>
        <strong>{row.name}</strong>
        {board?.addedByHand && <span className="muted"> (added)</span>}
        {board?.left && (
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
      <StatusCell row={row} />
      <RecordCells record={row.record} />
      {board ? <LiveCells board={board} /> : <AbsentCells row={row} />}
    </tr>
  );
});
