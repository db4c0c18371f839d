// SPDX-License-Identifier: Apache-2.0
import { useState, type UIEvent } from 'react';
import type { Board } from '../../../shared/contract/index.js';
import type { PaneRow } from './pane-rows.js';
import { BoardRow, ROW_HEIGHT } from './BoardRow.js';
import type { SortKey } from './board-filter.js';

const VIEW_ROWS = 18;
/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 8;

const columns: { key: SortKey | undefined; label: string }[] = [
  { key: undefined, label: 'Select' },
  { key: 'name', label: 'Name' },
  { key: 'status', label: 'Status' },
  { key: 'location', label: 'Crate/slot' },
  { key: 'labels', label: 'Labels' },
  { key: 'port', label: 'Port' },
  { key: 'flashed', label: 'Flashed' },
  { key: 'pushed', label: 'Pushed' },
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
  rows: PaneRow[];
  sort: SortKey;
  descending: boolean;
  onSort: (key: SortKey) => void;
  selected: string | undefined;
  onSelect: (id: string) => void;
  onForget: (board: Board) => void;
  checked: ReadonlySet<string>;
  onCheck: (key: string) => void;
  allChecked: boolean;
  onCheckAll: () => void;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const { rows } = props;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, first + VIEW_ROWS + OVERSCAN * 2);
  return (
    <div
      className="devices-scroll"
      style={{ maxHeight: ROW_HEIGHT * (VIEW_ROWS + 1) }}
      onScroll={(event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <table className="list devices-table" aria-rowcount={rows.length + 1}>
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
                {col.label === 'Select' ? (
                  <input
                    type="checkbox"
                    aria-label="Select all shown"
                    checked={props.allChecked}
                    onChange={props.onCheckAll}
                  />
                ) : col.key ? (
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
          {rows.slice(first, last).map((row, i) => (
            <BoardRow
              key={row.key}
              row={row}
              rowIndex={first + i + 2}
              selected={row.key === props.selected}
              onSelect={props.onSelect}
              onForget={props.onForget}
              checked={props.checked.has(row.key)}
              onCheck={props.onCheck}
            />
          ))}
          {last < rows.length && (
            <tr aria-hidden="true" style={{ height: (rows.length - last) * ROW_HEIGHT }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
