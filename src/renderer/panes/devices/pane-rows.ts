// SPDX-License-Identifier: Apache-2.0
// The Devices pane's rows: the inventory joined with the boards found now. A board heard over
// mDNS joins its record by the engine's own rules (uuid, hostname, short uuid; never when two
// claim one); a record no board joins is listed offline, a board no record names is listed on
// its own.
import type { Board, InventoryBoard } from '../../../shared/contract/index.js';
import { joinSightings } from '../../../shared/inventory/join-rules.js';

export interface PaneRow {
  /** `record:<id>` for a row with a record, else the live board's id. */
  key: string;
  name: string;
  live: Board | undefined;
  record: InventoryBoard | undefined;
}

const uuidOf = (board: Board): string | null => {
  const value = board.txt['uuid'];
  return value && /^[0-9a-f]{32}$/i.test(value) ? value : null;
};

const recordName = (record: InventoryBoard): string =>
  record.hostname ?? record.uuid?.slice(0, 7) ?? `#${record.id}`;

/**
 * The last row made for each record (or, without one, each board). Both lists replace an item
 * when it changes, so a row whose items are the same is the same object: a change re-renders
 * only the rows it touched.
 */
const made = new WeakMap<InventoryBoard | Board, PaneRow>();

/** The rows for the lists given, by key. */
export function joinRows(
  live: readonly Board[],
  records: readonly InventoryBoard[],
): Map<string, PaneRow> {
  const { joined } = joinSightings(
    records,
    live.map((board) => ({
      key: board.id,
      hostname: board.hostname ?? board.name,
      uuid: uuidOf(board),
    })),
  );
  const boardOf = new Map<number, Board>();
  const joinedBoards = new Set<string>();
  const byId = new Map(live.map((board) => [board.id, board] as const));
  for (const join of joined) {
    const board = byId.get(join.sighting.key);
    if (!board) continue;
    boardOf.set(join.recordId, board);
    joinedBoards.add(board.id);
  }
  const rows = new Map<string, PaneRow>();
  const keep = (key: string, board: Board | undefined, record: InventoryBoard | undefined) => {
    const owner = record ?? board;
    if (!owner) return;
    const before = made.get(owner);
    if (before && before.key === key && before.live === board && before.record === record) {
      rows.set(key, before);
      return;
    }
    const row = {
      key,
      name: board?.name ?? (record ? recordName(record) : key),
      live: board,
      record,
    };
    made.set(owner, row);
    rows.set(key, row);
  };
  for (const record of records) keep(`record:${record.id}`, boardOf.get(record.id), record);
  for (const board of live) if (!joinedBoards.has(board.id)) keep(board.id, board, undefined);
  return rows;
}

/** online: heard now; offline: heard before (or left); unseen: never heard. */
export function rowStatus(row: PaneRow): 'online' | 'offline' | 'unseen' {
  if (row.live) return row.live.left ? 'offline' : 'online';
  return row.record?.presence ? 'offline' : 'unseen';
}

/** When the board was last heard, by this engine now or as the inventory kept it. */
export const lastSeen = (row: PaneRow): string | null =>
  row.live?.lastSeen ?? row.record?.presence?.lastSeen ?? null;

export const locationText = (record: InventoryBoard | undefined): string | null => {
  const { crate, slot } = record?.location ?? { crate: null, slot: null };
  if (crate === null && slot === null) return null;
  return `${crate ?? '?'}/${slot ?? '?'}`;
};

/** "14:03:21" today, else the date too: how long ago matters less than when. */
export function lastSeenText(iso: string, now = new Date()): string {
  const seen = new Date(iso);
  if (Number.isNaN(seen.getTime())) return 'unknown';
  const time = seen.toLocaleTimeString('en-GB');
  return seen.toDateString() === now.toDateString()
    ? time
    : `${seen.toISOString().slice(0, 10)} ${time}`;
}

/** The names a row answers to across joins: its key, its live board's id, its record's key. */
export const rowIdentities = (row: PaneRow): string[] => [
  row.key,
  ...(row.live ? [row.live.id] : []),
  ...(row.record ? [`record:${row.record.id}`] : []),
];

/**
 * The row a click picked earlier, though its key may have changed since: a live board whose
 * record arrives becomes `record:<id>`, a record forgotten leaves its board's own row.
 */
export function findPicked(
  rows: readonly PaneRow[],
  picked: readonly string[] | undefined,
): PaneRow | undefined {
  if (!picked) return undefined;
  return (
    rows.find((row) => row.key === picked[0]) ??
    rows.find((row) => rowIdentities(row).some((id) => picked.includes(id)))
  );
}
