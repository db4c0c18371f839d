// SPDX-License-Identifier: Apache-2.0
// Applies imported rows: all of them in one transaction, or none. A row adds a board or
// updates the one it names (by uuid; by hostname when it has none); a row that repeats
// another, or names two boards, stops the import with where it was read.
import { BenchtopError } from '../../shared/errors.js';
import { bareHostname } from '../../shared/inventory/board-name.js';
import { databaseError } from './database-errors.js';
import { addEvent } from './history.js';
import type { ImportRow } from './import-rows.js';
import type { InventoryStore } from './inventory-store.js';

interface Existing {
  id: number;
  uuid: string | null;
  hostname: string | null;
}

const refuse = (message: string) =>
  new BenchtopError('INVALID_INPUT', `${message} Nothing was imported.`);

/** Repeated uuids (or hostnames of rows without one) within the import itself. */
export function checkRepeats(rows: readonly ImportRow[]): void {
  const uuids = new Map<string, ImportRow>();
  const hosts = new Map<string, ImportRow>();
  for (const row of rows) {
    const { uuid, hostname } = row.fields;
    if (uuid) {
      const earlier = uuids.get(uuid);
      if (earlier) throw refuse(`${row.uuidAt}: the uuid ${uuid} is also at ${earlier.uuidAt}.`);
      uuids.set(uuid, row);
    } else if (hostname) {
      const host = bareHostname(hostname);
      const earlier = hosts.get(host);
      if (earlier)
        throw refuse(
          `${row.hostnameAt}: the hostname ${hostname} (without a uuid) is also at ${earlier.hostnameAt}.`,
        );
      hosts.set(host, row);
    }
  }
}

/** The board a row updates, if any: by uuid; by hostname only where no uuid decides. */
export function existingFor(row: ImportRow, boards: readonly Existing[]): Existing | undefined {
  const { uuid, hostname } = row.fields;
  if (uuid) {
    const same = boards.find((b) => b.uuid === uuid);
    if (same) return same;
  }
  if (!hostname) return undefined;
  const host = bareHostname(hostname);
  const named = boards.filter(
    (b) => b.hostname !== null && bareHostname(b.hostname) === host && (b.uuid === null || !uuid),
  );
  if (named.length > 1)
    throw refuse(
      `${row.hostnameAt}: the hostname ${hostname} names ${named.length} boards (${named.map((b) => `#${b.id}`).join(', ')}); give the uuid.`,
    );
  return named[0];
}

export function importRows(
  store: InventoryStore,
  rows: readonly ImportRow[],
  who?: string,
): { added: number; updated: number } {
  checkRepeats(rows);
  const db = store.db;
  let added = 0;
  let updated = 0;
  db.transaction(() => {
    const boards = db.prepare<[], Existing>('SELECT id, uuid, hostname FROM boards').all();
    const taken = new Map<number, ImportRow>();
    for (const row of rows) {
      const existing = existingFor(row, boards);
      if (existing) {
        const earlier = taken.get(existing.id);
        if (earlier)
          throw refuse(`${row.where} and ${earlier.where} both name board #${existing.id}.`);
        taken.set(existing.id, row);
        guarded(row, () => store.update(existing.id, row.fields));
        addEvent(db, existing.id, 'imported', { from: row.where }, undefined, who);
        updated++;
        continue;
      }
      const id = guarded(row, () => store.insert(row.fields, row.createdAt));
      insertCarried(store, id, row, who);
      added++;
    }
  })();
  return { added, updated };
}

/** A constraint the import breaks (a port serial tied to another board) named by its row. */
function guarded<T>(row: ImportRow, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' && /port_serial/.test(String(error)))
      throw refuse(
        `${row.where}: its port's serial number ${row.fields.port?.serialNumber ?? ''} is already tied to another board.`,
      );
    throw databaseError(error, 'inventory');
  }
}

/** A new board's flashes, pushes and history from a JSON export; a CSV row gets one event. */
function insertCarried(store: InventoryStore, id: number, row: ImportRow, who?: string): void {
  const db = store.db;
  const flash = db.prepare(
    `INSERT OR IGNORE INTO flashes (board_id, uuid, hostname, device_type, image, image_checksum, at, target, reader, address, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of row.flashes ?? [])
    flash.run(
      id,
      f.uuid,
      f.hostname,
      f.deviceType ?? null,
      f.image ?? null,
      f.imageChecksum ?? null,
      f.at,
      f.target ?? null,
      f.reader ?? null,
      f.address ?? null,
      f.error ?? null,
    );
  const push = db.prepare(
    'INSERT INTO pushes (board_id, project, release, services, at) VALUES (?, ?, ?, ?, ?)',
  );
  for (const p of row.pushes ?? [])
    push.run(id, p.project, p.release ?? null, JSON.stringify(p.services), p.at);
  // History is kept oldest first in the file's order, so ids grow with time as they do here.
  const history = [...(row.history ?? [])].reverse();
  for (const e of history) addEvent(db, id, e.kind, e.detail, e.at, e.who);
  if (history.length === 0) addEvent(db, id, 'imported', { from: row.where }, undefined, who);
}
