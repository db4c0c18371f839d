// SPDX-License-Identifier: Apache-2.0
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { benchtopHome } from '../settings/paths.js';
import { damaged, databaseError, newerThanThis } from './database-errors.js';
import { latestVersion, migrate, migrations, type Migration } from './migrations.js';

export const inventoryPath = (home: string = benchtopHome()): string => join(home, 'inventory.db');

export interface OpenOptions {
  /** How long to wait for another writer before saying the file is locked. */
  busyTimeoutMs?: number;
  steps?: readonly Migration[];
}

/**
 * Opens (creating if need be) the inventory and brings its schema up to date. A file from a
 * newer Benchtop, a damaged one or one held by another writer is refused with a clear error,
 * and never rewritten.
 */
export function openDatabase(
  path: string = inventoryPath(),
  options: OpenOptions = {},
): Database.Database {
  const steps = options.steps ?? migrations;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let db: Database.Database | undefined;
  try {
    // Made this user's only before SQLite opens it (its -wal and -shm files take its mode):
    // the inventory holds uuids, addresses and notes. An existing file is left as it is.
    closeSync(openSync(path, 'a', 0o600));
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 2000 });
    // The first read of the header is where a file that is not SQLite shows itself.
    const version = Number(db.pragma('user_version', { simple: true }));
    const known = steps.at(-1)?.version ?? latestVersion();
    if (version > known) throw newerThanThis(path, version, known);
    const check = String(db.pragma('quick_check', { simple: true }));
    if (check !== 'ok') throw damaged(path, check);
    // WAL: the CLI reads while `benchtop serve` writes, without waiting on each other.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, steps);
    return db;
  } catch (error) {
    db?.close();
    throw databaseError(error, path);
  }
}
