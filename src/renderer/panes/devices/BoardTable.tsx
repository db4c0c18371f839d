// SPDX-License-Identifier: Apache-2.0
import { useState, type UIEvent } from 'react';
import type { Board } from '../../../shared/contract/index.js';
import { BoardRow, ROW_HEIGHT } from './BoardRow.js';
import type { SortKey } from './board-filter.js';

const VIEW_ROWS = 18;
/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 8;

const columns: { key: SortKey | undefined; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'address', label: 'Address' },
  { key: 'interface', label: 'Interface' },
  { key: 'engine', label: 'Engine' },
  { key: 'arch', label: 'Arch' },
  { key: undefined, label: 'Supervisor' },
  { key: undefined, label: 'SSH' },
];

/**
 * Only the rows in view are in the DOM: a test stand lists hundreds of boards and each update
 * must not re-render them all.
 */
export function BoardTable(props: {
  boards: Board[];
  sort: SortKey;
  descending: boolean;
  onSort: (key: SortKey) => void;
  selected: string | undefined;
  onSelect: (id: string) => void;
  onForget: (board: Board) => void;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const { boards } = props;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(boards.length, first + VIEW_ROWS + OVERSCAN * 2);
  return (
    <div
      className="devices-scroll"
      style={{ maxHeight: ROW_HEIGHT * (VIEW_ROWS + 1) }}
      onScroll={(event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <table className="list devices-table" aria-rowcount={boards.length + 1}>
        <thead>
          <tr>
            {columns.map((col) => (
              <th
                key={col.label}
                aria-sort={
                  col.key === props.sort
                    ? props.descending
                      ? 'descending'
                      : 'ascending'
                    : undefined
                }
              >
                {col.key ? (
                  <button
                    type="button"
                    className="sort"
                    onClick={() => col.key && props.onSort(col.key)}
                  >
                    {col.label}
                    {col.key === props.sort ? (props.descending ? ' ▾' : ' ▴') : ''}
                  </button>
                ) : (
                  col.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && (
            <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {boards.slice(first, last).map((board, i) => (
            <BoardRow
              key={board.id}
              board={board}
              rowIndex={first + i + 2}
              selected={board.id === props.selected}
              onSelect={props.onSelect}
              onForget={props.onForget}
            />
          ))}
          {last < boards.length && (
            <tr aria-hidden="true" style={{ height: (boards.length - last) * ROW_HEIGHT }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
