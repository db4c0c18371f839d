// SPDX-License-Identifier: Apache-2.0
// Filtering and sorting the pane's rows. The filter is the inventory's own syntax (shared with
// `benchtop boards --filter`): `key=value` terms and bare words, all of which must hold; here
// its keys read a row's live board as well as its record.
import type { Board, InventoryBoard } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import {
  compileFilter,
  recordFields,
  type FilterField,
  type Predicate,
} from '../../../shared/inventory/board-filter.js';
import { lastSeen, locationText, rowStatus, type PaneRow } from './pane-rows.js';

export type SortKey =
  | 'name'
  | 'status'
  | 'location'
  | 'labels'
  | 'port'
  | 'flashed'
  | 'pushed'
  | 'address'
  | 'interface'
  | 'arch'
  | 'engine';

export function engineLabel(board: Board): string {
  if (board.engine) return board.engine.version;
  return board.engineState === 'pending' ? 'probing' : 'unreachable';
}

/** The words of a live board's columns, so "unreachable" or "engine-down" find it. */
function liveWords(board: Board): string[] {
  return [
    board.name,
    engineLabel(board),
    board.engineState === 'up' ? 'engine-up' : 'engine-down',
    board.supervisor.state === 'down' ? 'unreachable supervisor-down' : '',
    board.supervisor.state === 'up' ? 'supervisor-up' : '',
    board.ssh.state === 'down' ? 'closed ssh-closed' : '',
    board.left ? 'left gone' : '',
    board.source,
  ];
}

const ofRecord =
  (field: FilterField<InventoryBoard>): FilterField<PaneRow> =>
  (row) =>
    row.record ? field(row.record) : [];

const ofLive =
  (field: (board: Board) => string | null): FilterField<PaneRow> =>
  (row) =>
    row.live ? [field(row.live)] : [];

const rowFields: Record<string, FilterField<PaneRow>> = {
  ...Object.fromEntries(
    Object.entries(recordFields).map(([key, field]) => [key, ofRecord(field)] as const),
  ),
  hostname: (row) => [
    ...ofRecord(recordFields.hostname)(row),
    row.live?.hostname ?? null,
    row.live?.name ?? null,
  ],
  status: (row) => [rowStatus(row)],
  seen: (row) => [lastSeen(row)],
  address: (row) => [row.live?.address ?? row.record?.presence?.address ?? null],
  interface: (row) => [row.live?.interface ?? row.record?.presence?.interface ?? null],
  arch: ofLive((b) => b.engine?.arch ?? null),
  engine: ofLive(engineLabel),
};

/** The typed filter as a predicate on rows; an unknown key throws, naming the known ones. */
export const rowFilter = (text: string): Predicate<PaneRow> =>
  compileFilter(text, {
    fields: rowFields,
    status: rowStatus,
    words: (row) => [...(row.live ? liveWords(row.live) : []), row.record?.notes ?? null],
  });

/** The filter as typed so far: a mistyped key is said, and filters by nothing until put right. */
export function typedFilter(text: string): { keep: Predicate<PaneRow>; error?: string } {
  try {
    return { keep: rowFilter(text) };
  } catch (e) {
    return { keep: () => true, error: describeError(e) };
  }
}

// One collator for every comparison: \`localeCompare(b, 'en', options)\` builds a new one per call,
// which made sorting a few hundred boards cost tens of milliseconds on every update.
const collator = new Intl.Collator('en', { numeric: true });
/** balenaOS names a board by its uuid's first 7 hex digits: "9f0e1d2" is no number 9. */
const HEX_NAME = /^[0-9a-f]{7,}$/i;
const byText = (a: string, b: string): number =>
  HEX_NAME.test(a) && HEX_NAME.test(b)
    ? a.toLowerCase() < b.toLowerCase()
      ? -1
      : a.toLowerCase() > b.toLowerCase()
        ? 1
        : 0
    : collator.compare(a, b);

const STATUS_ORDER = { online: '0', offline: '1', unseen: '2' } as const;

/** Null (not known) sorts after every value; times sort newest first. */
const keyOf: Record<SortKey, (row: PaneRow) => string | null> = {
  name: (r) => r.name,
  status: (r) => `${STATUS_ORDER[rowStatus(r)]} ${newestFirst(lastSeen(r)) ?? ''}`,
  location: (r) => locationText(r.record),
  labels: (r) => (r.record?.labels.length ? r.record.labels.join(' ') : null),
  port: (r) => r.record?.port?.serialNumber ?? r.record?.port?.path ?? null,
  flashed: (r) => newestFirst(r.record?.lastFlash?.at ?? null),
  pushed: (r) => newestFirst(r.record?.lastPush?.at ?? null),
  // Numeric-aware, so 10.231.2.2 sorts before 10.231.10.2.
  address: (r) => r.live?.address ?? r.record?.presence?.address ?? null,
  interface: (r) => r.live?.interface ?? r.record?.presence?.interface ?? null,
  arch: (r) => r.live?.engine?.arch ?? null,
  engine: (r) =>
    r.live
      ? r.live.engine
        ? `0 ${r.live.engine.version}`
        : r.live.engineState === 'pending'
          ? '1'
          : '2'
      : null,
};

/** An ISO time turned so that a plain ascending sort puts the newest first. */
function newestFirst(iso: string | null): string | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : String(9e15 - ms).padStart(16, '0');
}

export function sortRows(rows: readonly PaneRow[], key: SortKey, descending = false): PaneRow[] {
  const pick = keyOf[key];
  const compare = (x: string | null, y: string | null): number =>
    x === y ? 0 : x === null ? 1 : y === null ? -1 : byText(x, y);
  // Each row's key once, not once per comparison.
  const sorted = rows
    .map((row) => ({ row, key: pick(row) }))
    .sort(
      (a, b) =>
        compare(a.key, b.key) || byText(a.row.name, b.row.name) || byText(a.row.key, b.row.key),
    )
    .map(({ row }) => row);
  return descending ? sorted.reverse() : sorted;
}
