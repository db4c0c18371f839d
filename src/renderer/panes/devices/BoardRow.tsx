// SPDX-License-Identifier: Apache-2.0
import { memo, type KeyboardEvent } from 'react';
import type { Board } from '../../../shared/contract/index.js';
import { EngineBadge, ReachBadge } from './Badges.js';

export const ROW_HEIGHT = 34;

/**
 * One board's row. Memoised on the board record, which the list replaces only when that board
 * changed: a probe result for one board re-renders one row, not every row in view.
 */
export const BoardRow = memo(function BoardRow(props: {
  board: Board;
  rowIndex: number;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const { board, onSelect } = props;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(board.id);
    }
  };
  return (
    <tr
      className={`device-row${props.selected ? ' selected' : ''}`}
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
