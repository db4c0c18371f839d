// SPDX-License-Identifier: Apache-2.0
// What the other capabilities report, as inventory records: a finished flash run's cards, a
// finished push's boards, and mDNS sightings. Each takes the shared contract's payload as it
// travels on the event bus, so nothing here knows how flash, push or discovery work inside.
import type {
  DeviceChange,
  FlashResult,
  ManifestCard,
  PushResult,
} from '../../shared/contract/index.js';
import { boardsNamed } from '../../shared/inventory/board-name.js';
import { addEvent } from './history.js';
import { mergeLabels, type InventoryStore } from './inventory-store.js';
import { joinSightings, type Conflict, type Sighting } from '../../shared/inventory/join-rules.js';
import { recordFlash, recordPresence, recordPush } from './records.js';

/** Records each card of a flash run; returns how many made (or refreshed) a board. */
export function recordFlashRun(store: InventoryStore, result: FlashResult, who?: string): number {
  let boards = 0;
  store.db.transaction(() => {
    for (const card of result.cards) {
      // A card flashed without a config has no identity to keep: the manifest still has it.
      if (card.uuid === '') continue;
      const id = recordFlash(
        store,
        {
          uuid: card.uuid.toLowerCase(),
          hostname: card.hostname,
          deviceType: result.deviceType ?? null,
          image: result.image ?? null,
          imageChecksum: card.imageChecksum === '' ? null : card.imageChecksum,
          at: card.time,
          target: card.target,
          reader: card.serial === '' ? null : card.serial,
          address: card.address ?? null,
          error: card.error ?? null,
          ...(result.manifest ? { source: result.manifest } : {}),
        },
        who,
      );
      if (id !== undefined) boards++;
      if (id !== undefined) placeFromTable(store, id, card, who);
    }
  })();
  return boards;
}

/**
 * A card from a cards table: its slot and labels are what the person said about the board,
 * recorded as if they had typed `board locate` and `board label` (crate is left as it is).
 */
function placeFromTable(store: InventoryStore, id: number, card: ManifestCard, who?: string): void {
  const board = store.get(id);
  const from = { source: 'cards table' };
  if (card.slot !== undefined && card.slot !== board.location.slot) {
    store.update(id, { slot: card.slot }, card.time);
    addEvent(
      store.db,
      id,
      'located',
      { ...from, from: board.location, slot: card.slot },
      card.time,
      who,
    );
  }
  const added = (card.labels ?? []).filter((label) => !board.labels.includes(label));
  if (added.length > 0) {
    store.update(id, { labels: mergeLabels(board.labels, added) }, card.time);
    addEvent(store.db, id, 'labelled', { ...from, added, removed: [] }, card.time, who);
  }
}

/**
 * The record a pushed-to board is: the one its name names, else the one last seen at its
 * address. Null when neither says exactly one (the push is kept, unlinked).
 */
function pushedBoard(store: InventoryStore, name: string, address?: string): number | null {
  const named = boardsNamed(store.keys(), name);
  if (named.length === 1 && named[0]) return named[0].id;
  if (named.length > 1 || !address) return null;
  const seen = store.db
    .prepare<[string], { board_id: number }>('SELECT board_id FROM presence WHERE address = ?')
    .all(address);
  return seen.length === 1 && seen[0] ? seen[0].board_id : null;
}

/** Records each board's part of a finished push: a success as its last push, a failure in history. */
export function recordPushRun(
  store: InventoryStore,
  result: PushResult,
  at: string,
  who?: string,
): void {
  store.db.transaction(() => {
    for (const part of result.boards) {
      const boardId = pushedBoard(store, part.board, part.address);
      if (part.state === 'succeeded') {
        recordPush(
          store,
          {
            boardId,
            project: result.project,
            release: part.release ?? null,
            services: part.services.map((service) => service.name),
            at,
          },
          who,
        );
      } else {
        addEvent(
          store.db,
          boardId,
          'pushed',
          {
            project: result.project,
            state: 'failed',
            board: part.board,
            error: part.error?.message ?? null,
          },
          at,
          who,
        );
      }
    }
  })();
}

/** A sighting is written again after this long even when nothing about it changed. */
const REFRESH_MS = 60_000;

interface Written {
  at: number;
  address: string | null;
  interface: string | null;
  online: boolean;
}

/**
 * Joins mDNS sightings to records as they come and go. It keeps the boards heard now, since a
 * conflict (two boards claiming one record) only shows among all of them; each conflict is
 * written once into the history of the records it concerns.
 */
export class PresenceRecorder {
  private readonly heard = new Map<string, Sighting>();
  /** The boards online now, as last heard: joined again when records change. */
  private readonly online = new Map<string, DeviceChange['board']>();
  private readonly written = new Map<string, Written>();
  private readonly conflictsSaid = new Set<string>();
  private current: Conflict[] = [];

  /** The conflicts among the boards heard now. */
  conflicts(): readonly Conflict[] {
    return this.current;
  }

  /** Returns the record the board joined, or undefined (unknown, in a conflict, or skipped). */
  change(store: InventoryStore, change: DeviceChange, now = Date.now()): number | undefined {
    const board = change.board;
    if (board.source !== 'mdns') return undefined;
    const online = (change.kind === 'appeared' || change.kind === 'updated') && !board.left;
    const last = this.written.get(board.id);
    // A probe's update comes every few seconds: the file is written when something changed.
    if (
      change.kind === 'updated' &&
      last &&
      now - last.at < REFRESH_MS &&
      last.online === online &&
      last.address === board.address &&
      last.interface === board.interface
    )
      return undefined;
    const sighting: Sighting = { key: board.id, hostname: board.hostname, uuid: uuidOf(board.txt) };
    this.heard.set(board.id, sighting);
    const outcome = joinSightings(store.keys(), [...this.heard.values()]);
    if (!online) {
      this.heard.delete(board.id);
      this.written.delete(board.id);
      this.online.delete(board.id);
    } else this.online.set(board.id, board);
    this.current = outcome.conflicts;
    const at = online ? board.lastSeen : (board.left?.at ?? new Date(now).toISOString());
    store.db.transaction(() => {
      for (const conflict of outcome.conflicts) this.keep(store, conflict, at);
    })();
    const join = outcome.joined.find((j) => j.sighting.key === board.id);
    if (!join) return undefined;
    recordPresence(store, {
      boardId: join.recordId,
      address: board.address,
      interface: board.interface,
      at,
      online,
    });
    if (online)
      this.written.set(board.id, {
        at: now,
        address: board.address,
        interface: board.interface,
        online,
      });
    return join.recordId;
  }

  /**
   * Joins the boards heard now that no record held before: a table imported (or a card
   * flashed) after its board came up joins at once, not at the board's next change.
   */
  rejoin(store: InventoryStore, now = Date.now()): void {
    for (const [id, board] of this.online) {
      if (!this.written.has(id)) this.change(store, { kind: 'updated', board }, now);
    }
  }

  private keep(store: InventoryStore, conflict: Conflict, at: string): void {
    if (this.conflictsSaid.has(conflict.message)) return;
    this.conflictsSaid.add(conflict.message);
    for (const id of conflict.recordIds)
      addEvent(
        store.db,
        id,
        'conflict',
        { kind: conflict.kind, message: conflict.message, sightings: conflict.sightings },
        at,
      );
  }
}

/** balenaOS adverts do not carry the uuid today; a TXT `uuid` is taken when one does. */
function uuidOf(txt: Record<string, string>): string | null {
  const value = txt['uuid'];
  return value && /^[0-9a-f]{32}$/i.test(value) ? value.toLowerCase() : null;
}
