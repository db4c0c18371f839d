// SPDX-License-Identifier: Apache-2.0
// What Benchtop learns about a board by itself: a card flashed for it, a push to it. Each
// record finds its board by uuid (a flash creates it the first time) in one transaction
// with its history event.
import type { InventoryStore } from './inventory-store.js';
import { addEvent } from './history.js';

export interface FlashInput {
  uuid: string;
  hostname: string;
  deviceType?: string | null;
  image?: string | null;
  imageChecksum?: string | null;
  at: string;
  target?: string | null;
  reader?: string | null;
  address?: string | null;
  error?: string | null;
  /** Where the record came from (a manifest file), kept in the history event. */
  source?: string;
}

/** Records one card's flash; returns its board's id (undefined for a failed card). */
export function recordFlash(
  store: InventoryStore,
  flash: FlashInput,
  who?: string,
): number | undefined {
  const db = store.db;
  return db.transaction(() => {
    const failed = flash.error !== undefined && flash.error !== null;
    // A card flashed without a hostname keeps the balenaOS default (its short uuid).
    const hostname = flash.hostname === '' ? null : flash.hostname;
    let boardId = db
      .prepare<[string], { id: number }>('SELECT id FROM boards WHERE uuid = ?')
      .get(flash.uuid)?.id;
    // A card that failed is in the flash log, but it made no board.
    if (boardId === undefined && !failed) {
      boardId = store.insert(
        { uuid: flash.uuid, hostname, deviceType: flash.deviceType ?? null },
        flash.at,
      );
      addEvent(db, boardId, 'created', { from: 'flash', hostname: flash.hostname }, flash.at, who);
    } else if (boardId !== undefined && !failed) {
      store.update(
        boardId,
        {
          ...(hostname ? { hostname } : {}),
          ...(flash.deviceType ? { deviceType: flash.deviceType } : {}),
        },
        flash.at,
      );
    }
    const inserted = db
      .prepare(
        `INSERT OR IGNORE INTO flashes (board_id, uuid, hostname, device_type, image, image_checksum, at, target, reader, address, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        failed ? null : (boardId ?? null),
        flash.uuid,
        flash.hostname,
        flash.deviceType ?? null,
        flash.image ?? null,
        flash.imageChecksum ?? null,
        flash.at,
        flash.target ?? null,
        flash.reader ?? null,
        flash.address ?? null,
        flash.error ?? null,
      );
    // The same card of the same run, read again (a manifest migrated twice), is one record.
    // What the second reading knows and the first did not (the run's manifest is taken in on
    // first start, then the job's result with its image and device type) fills the gaps.
    if (inserted.changes === 0)
      db.prepare(
        `UPDATE flashes SET image = COALESCE(image, ?), device_type = COALESCE(device_type, ?)
         WHERE uuid = ? AND at = ?`,
      ).run(flash.image ?? null, flash.deviceType ?? null, flash.uuid, flash.at);
    if (inserted.changes > 0 && !failed && boardId !== undefined) {
      addEvent(
        db,
        boardId,
        'flashed',
        {
          image: flash.image ?? null,
          imageChecksum: flash.imageChecksum ?? null,
          target: flash.target ?? null,
          ...(flash.source ? { source: flash.source } : {}),
        },
        flash.at,
        who,
      );
    }
    return failed ? undefined : boardId;
  })();
}

export interface PushInput {
  /** Null for a board the inventory has no record of: the push is kept, unlinked. */
  boardId: number | null;
  project: string;
  release?: string | null;
  services: readonly string[];
  at: string;
}

export function recordPush(store: InventoryStore, push: PushInput, who?: string): void {
  store.db.transaction(() => {
    store.db
      .prepare(
        'INSERT INTO pushes (board_id, project, release, services, at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        push.boardId,
        push.project,
        push.release ?? null,
        JSON.stringify(push.services),
        push.at,
      );
    addEvent(
      store.db,
      push.boardId,
      'pushed',
      { project: push.project, release: push.release ?? null, services: push.services },
      push.at,
      who,
    );
  })();
}

export interface PresenceInput {
  boardId: number;
  address: string | null;
  interface: string | null;
  at: string;
  online: boolean;
}

/** Notes where a board was seen; the first sighting's time is kept. */
export function recordPresence(store: InventoryStore, seen: PresenceInput): void {
  store.db
    .prepare(
      `INSERT INTO presence (board_id, address, interface, first_seen, last_seen, online) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET address = excluded.address, interface = excluded.interface,
         last_seen = excluded.last_seen, online = excluded.online`,
    )
    .run(seen.boardId, seen.address, seen.interface, seen.at, seen.at, seen.online ? 1 : 0);
}
