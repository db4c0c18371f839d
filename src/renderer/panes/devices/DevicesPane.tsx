// SPDX-License-Identifier: Apache-2.0
import { useDeferredValue, useMemo, useState } from 'react';
import { AddBoard } from './AddBoard.js';
import { BoardDetail } from './BoardDetail.js';
import { BoardTable } from './BoardTable.js';
import { BrowseBar } from './BrowseBar.js';
import { BoardRecord } from './BoardRecord.js';
import { GroupActionBar } from './group/GroupActionBar.js';
import { GroupResults } from './group/GroupResults.js';
import { useSelection } from './group/use-selection.js';
import { sortRows, typedFilter, type SortKey } from './board-filter.js';
import { findPicked, joinRows, rowIdentities } from './pane-rows.js';
import { useBrowseStatus, useDevices, useInventory } from './use-devices.js';
import { useClient } from '../../client/client-context.js';
import { describeError } from '../../../shared/errors.js';
import type { Board } from '../../../shared/contract/index.js';
import './devices.css';

export function DevicesPane() {
  const client = useClient();
  const devices = useDevices();
  const inventory = useInventory();
  const loaded = devices.loaded && (inventory.loaded || inventory.error !== undefined);
  const settled = loaded && devices.settled && (inventory.settled || !inventory.loaded);
  const error = devices.error ?? inventory.error;
  const boards = useMemo(
    () => [...joinRows(devices.items, inventory.items).values()],
    [devices.items, inventory.items],
  );
  const [forgetError, setForgetError] = useState<string>();
  const forget = (board: Board) => {
    setForgetError(undefined);
    client
      .call('devices.forget', { address: board.id })
      .catch((e: unknown) => setForgetError(describeError(e)));
  };
  const status = useBrowseStatus();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const [descending, setDescending] = useState(false);
  // The row whose details show, by every name it answers to (a join may change its key).
  const [selected, setSelected] = useState<readonly string[]>();
  // Typing in the filter stays responsive while hundreds of rows are re-sorted behind it.
  const deferredFilter = useDeferredValue(filter);

  const typed = useMemo(() => typedFilter(deferredFilter), [deferredFilter]);
  const shown = useMemo(
    () => sortRows(boards.filter(typed.keep), sort, descending),
    [boards, typed, sort, descending],
  );
  const selectedRow = findPicked(boards, selected);
  const select = (key: string) => {
    const row = boards.find((b) => b.key === key);
    setSelected(row ? rowIdentities(row) : undefined);
  };
  const picked = useSelection(boards, shown);
  const [groupJob, setGroupJob] = useState<string>();

  const onSort = (key: SortKey) => {
    if (key === sort) setDescending(!descending);
    else {
      setSort(key);
      setDescending(false);
    }
  };

  return (
    <section
      className="devices"
      aria-label="Devices"
      // What tests and benches wait on: every change that arrived is on screen.
      data-settled={settled}
      data-boards={boards.length}
    >
      <header className="devices-header">
        <h2>Devices</h2>
        <BrowseBar status={status} />
      </header>
      <div className="devices-toolbar">
        <input
          type="search"
          value={filter}
          placeholder="Filter: label=arm crate=A slot=12 offline, a name…"
          aria-label="Filter boards"
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="muted" data-testid="device-count">
          {shown.length === boards.length
            ? `${boards.length} board${boards.length === 1 ? '' : 's'}`
            : `${shown.length} of ${boards.length} boards`}
        </span>
        <span className="spacer" />
        <AddBoard />
      </div>
      <GroupActionBar names={picked.names} onClear={picked.clear} onStarted={setGroupJob} />
      {groupJob && (
        <GroupResults key={groupJob} jobId={groupJob} onClose={() => setGroupJob(undefined)} />
      )}
      {error && <p className="error-text">{error}</p>}
      {typed.error && (
        <p className="error-text" data-testid="filter-error">
          {typed.error}
        </p>
      )}
      {forgetError && (
        <p className="error-text" role="alert">
          {forgetError}
        </p>
      )}
      {loaded && boards.length === 0 ? (
        <div className="empty-state devices-empty">
          <p>
            Boards on the bench network show up here as soon as they advertise themselves over mDNS
            (balenaOS development images do), with their address, engine version, architecture,
            supervisor and ssh state, live.
          </p>
          <p>
            {status?.enabled
              ? `Browsing on ${status.active.map((i) => i.name).join(', ') || 'no interface yet'}: power a board on, or check the allow-list above.`
              : 'Start browsing above (limit it to the bench network’s interfaces if this machine has others),'}{' '}
            or add a board by its address where multicast does not pass. From a terminal:{' '}
            <code>benchtop devices</code>.
          </p>
        </div>
      ) : (
        <BoardTable
          rows={shown}
          sort={sort}
          descending={descending}
          onSort={onSort}
          selected={selectedRow?.key}
          onSelect={select}
          onForget={forget}
          checked={picked.checked}
          onCheck={picked.toggle}
          allChecked={picked.allShown}
          onCheckAll={picked.toggleShown}
        />
      )}
      {selectedRow?.live && (
        <BoardDetail board={selectedRow.live} onClose={() => setSelected(undefined)} />
      )}
      {selectedRow?.record && (
        <BoardRecord
          name={selectedRow.name}
          record={selectedRow.record}
          onClose={selectedRow.live ? undefined : () => setSelected(undefined)}
        />
      )}
    </section>
  );
}
