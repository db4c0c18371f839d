// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { Board, BrowseStatus, InventoryBoard } from '../../../shared/contract/index.js';
import { useClient, useEvent } from '../../client/client-context.js';
import { useLiveList, type LiveList, type LiveSource } from './use-live-list.js';

const liveBoards: LiveSource<string, Board, 'devices.changed'> = {
  load: (client) => client.call('devices.list', {}),
  keyOf: (board) => board.id,
  event: 'devices.changed',
  apply: (boards, change) => {
    if (change.kind === 'disappeared') boards.delete(change.board.id);
    else boards.set(change.board.id, change.board);
  },
};

/** The boards found on the bench now (mDNS or by hand), live. */
export const useDevices = (): LiveList<Board> => useLiveList(liveBoards);

const inventoryRecords: LiveSource<number, InventoryBoard, 'inventory.changed'> = {
  load: (client) => client.call('inventory.boards', { filter: '' }),
  keyOf: (record) => record.id,
  event: 'inventory.changed',
  apply: (records, change) => {
    for (const id of change.removed) records.delete(id);
    for (const record of change.boards) records.set(record.id, record);
  },
};

/** Every board of the inventory, kept by the engine's changes. */
export const useInventory = (): LiveList<InventoryBoard> => useLiveList(inventoryRecords);

export function useBrowseStatus(): BrowseStatus | undefined {
  const client = useClient();
  const [status, setStatus] = useState<BrowseStatus>();
  useEffect(() => {
    client.call('devices.browseStatus', {}).then(setStatus, () => undefined);
  }, [client]);
  useEvent('devices.browsing', setStatus);
  return status;
}
