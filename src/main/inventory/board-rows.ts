// SPDX-License-Identifier: Apache-2.0
// Rows of the inventory's tables as the contract's records.
import type { Database } from 'better-sqlite3';
import type {
  FlashRecord,
  InventoryBoard,
  Presence,
  PushRecord,
} from '../../shared/contract/index.js';

export interface BoardRow {
  id: number;
  uuid: string | null;
  hostname: string | null;
  device_type: string | null;
  crate: string | null;
  slot: string | null;
  notes: string;
  port_serial: string | null;
  port_path: string | null;
  created_at: string;
  updated_at: string;
}

export interface FlashRow {
  id: number;
  board_id: number | null;
  uuid: string;
  hostname: string;
  device_type: string | null;
  image: string | null;
  image_checksum: string | null;
  at: string;
  target: string | null;
  reader: string | null;
  address: string | null;
  error: string | null;
}

export const flashRecord = (row: FlashRow): FlashRecord => ({
  id: row.id,
  uuid: row.uuid,
  hostname: row.hostname,
  deviceType: row.device_type,
  image: row.image,
  imageChecksum: row.image_checksum,
  at: row.at,
  target: row.target,
  reader: row.reader,
  address: row.address,
  error: row.error,
});

export const labelText = (key: string, value: string | null): string =>
  value === null ? key : `${key}=${value}`;

/** Reads boards with what is joined to them, in a few queries whatever their number. */
export class BoardReader {
  constructor(private readonly db: Database) {}

  boards(where = '', params: unknown[] = []): InventoryBoard[] {
    const rows = this.db
      .prepare<unknown[], BoardRow>(
        `SELECT * FROM boards ${where} ORDER BY crate, slot, hostname, id`,
      )
      .all(...params);
    if (rows.length === 0) return [];
    // Only the rows of the boards asked for: one board's record (after each write, for the
    // faces) must not cost a pass over a test stand's every label, flash and push.
    const scope =
      where === '' ? 'board_id IS NOT NULL' : `board_id IN (SELECT id FROM boards ${where})`;
    const labels = this.grouped<{ board_id: number; key: string; value: string | null }>(
      `SELECT board_id, key, value FROM labels WHERE ${scope} ORDER BY key`,
      params,
    );
    const flashes = this.grouped<FlashRow>(
      `SELECT * FROM flashes WHERE ${scope} AND error IS NULL ORDER BY at, id`,
      params,
    );
    const presence = this.grouped<{
      board_id: number;
      address: string | null;
      interface: string | null;
      first_seen: string;
      last_seen: string;
      online: number;
    }>(`SELECT * FROM presence WHERE ${scope}`, params);
    const pushes = this.grouped<{
      board_id: number;
      project: string;
      release: string | null;
      services: string;
      at: string;
    }>(`SELECT * FROM pushes WHERE ${scope} ORDER BY at, id`, params);
    return rows.map((row) => {
      const flash = flashes.get(row.id)?.at(-1);
      const seen = presence.get(row.id)?.[0];
      const push = pushes.get(row.id)?.at(-1);
      return {
        id: row.id,
        uuid: row.uuid,
        hostname: row.hostname,
        deviceType: row.device_type,
        location: { crate: row.crate, slot: row.slot },
        labels: (labels.get(row.id) ?? []).map((l) => labelText(l.key, l.value)),
        notes: row.notes,
        port:
          row.port_serial === null && row.port_path === null
            ? null
            : { serialNumber: row.port_serial, path: row.port_path },
        lastFlash: flash ? flashRecord(flash) : null,
        presence: seen ? presenceOf(seen) : null,
        lastPush: push ? pushOf(push) : null,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    });
  }

  flashesOf(boardId: number): FlashRecord[] {
    return this.db
      .prepare<[number], FlashRow>(
        'SELECT * FROM flashes WHERE board_id = ? ORDER BY at DESC, id DESC',
      )
      .all(boardId)
      .map(flashRecord);
  }

  private grouped<R extends { board_id: number | null }>(
    sql: string,
    params: unknown[],
  ): Map<number, R[]> {
    const map = new Map<number, R[]>();
    for (const row of this.db.prepare<unknown[], R>(sql).all(...params)) {
      if (row.board_id === null) continue;
      const list = map.get(row.board_id) ?? [];
      list.push(row);
      map.set(row.board_id, list);
    }
    return map;
  }
}

const presenceOf = (row: {
  address: string | null;
  interface: string | null;
  first_seen: string;
  last_seen: string;
  online: number;
}): Presence => ({
  address: row.address,
  interface: row.interface,
  firstSeen: row.first_seen,
  lastSeen: row.last_seen,
  online: row.online !== 0,
});

const pushOf = (row: {
  project: string;
  release: string | null;
  services: string;
  at: string;
}): PushRecord => ({
  project: row.project,
  release: row.release,
  services: parseServices(row.services),
  at: row.at,
});

function parseServices(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}
