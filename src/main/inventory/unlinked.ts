// SPDX-License-Identifier: Apache-2.0
// Records that belong to no board now: the flashes of cards that failed, and the flashes and
// history of boards that were forgotten. An export carries them so that nothing is dropped;
// importing the same export twice does not repeat them.
import { HistoryKind } from '../../shared/contract/index.js';
import type { FlashRow } from './board-rows.js';
import { flashRecord } from './board-rows.js';
import type { Unlinked } from './inventory-json.js';
import type { InventoryStore } from './inventory-store.js';

interface EventRow {
  kind: string;
  at: string;
  who: string;
  detail: string;
}

export function readUnlinked(store: InventoryStore): Unlinked {
  const flashes = store.db
    .prepare<[], FlashRow>('SELECT * FROM flashes WHERE board_id IS NULL ORDER BY at, id')
    .all()
    .map(flashRecord)
    .map(({ id: _id, ...flash }) => flash);
  const history = store.db
    .prepare<[], EventRow>(
      'SELECT kind, at, who, detail FROM events WHERE board_id IS NULL ORDER BY at, id',
    )
    .all()
    .flatMap((row) => {
      const kind = HistoryKind.safeParse(row.kind);
      const detail: unknown = JSON.parse(row.detail);
      if (!kind.success || typeof detail !== 'object' || detail === null) return [];
      return [
        { kind: kind.data, at: row.at, who: row.who, detail: detail as Record<string, unknown> },
      ];
    });
  return { flashes, history };
}

export function importUnlinked(store: InventoryStore, unlinked: Unlinked): void {
  const flash = store.db.prepare(
    `INSERT OR IGNORE INTO flashes (board_id, uuid, hostname, device_type, image, image_checksum, at, target, reader, address, error)
     VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of unlinked.flashes)
    flash.run(
      f.uuid,
      f.hostname,
      f.deviceType,
      f.image,
      f.imageChecksum,
      f.at,
      f.target,
      f.reader,
      f.address,
      f.error,
    );
  const event = store.db.prepare(
    `INSERT INTO events (board_id, kind, at, who, detail)
     SELECT NULL, ?, ?, ?, ? WHERE NOT EXISTS (
       SELECT 1 FROM events WHERE board_id IS NULL AND kind = ? AND at = ? AND who = ? AND detail = ?)`,
  );
  for (const e of unlinked.history) {
    const detail = JSON.stringify(e.detail);
    event.run(e.kind, e.at, e.who, detail, e.kind, e.at, e.who, detail);
  }
}
