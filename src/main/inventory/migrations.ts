// SPDX-License-Identifier: Apache-2.0
// The inventory's schema, as numbered steps. PRAGMA user_version holds the last step applied;
// each step runs in the same transaction as the version bump, so a crash leaves the previous
// schema whole. Steps are only ever added, never edited: a released step is history.
import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE boards (
        id INTEGER PRIMARY KEY,
        uuid TEXT UNIQUE,
        hostname TEXT COLLATE NOCASE,
        device_type TEXT,
        crate TEXT,
        slot TEXT,
        notes TEXT NOT NULL DEFAULT '',
        port_serial TEXT UNIQUE,
        port_path TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (uuid IS NOT NULL OR hostname IS NOT NULL)
      );
      CREATE INDEX boards_hostname ON boards (hostname);
      CREATE TABLE labels (
        board_id INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT,
        PRIMARY KEY (board_id, key)
      );
      CREATE TABLE flashes (
        id INTEGER PRIMARY KEY,
        board_id INTEGER REFERENCES boards (id) ON DELETE SET NULL,
        uuid TEXT NOT NULL,
        hostname TEXT NOT NULL,
        device_type TEXT,
        image TEXT,
        image_checksum TEXT,
        at TEXT NOT NULL,
        target TEXT,
        reader TEXT,
        address TEXT,
        error TEXT,
        UNIQUE (uuid, at)
      );
      CREATE INDEX flashes_board ON flashes (board_id, at);
      CREATE TABLE presence (
        board_id INTEGER PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
        address TEXT,
        interface TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        online INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE pushes (
        id INTEGER PRIMARY KEY,
        board_id INTEGER REFERENCES boards (id) ON DELETE SET NULL,
        project TEXT NOT NULL,
        release TEXT,
        services TEXT NOT NULL DEFAULT '[]',
        at TEXT NOT NULL
      );
      CREATE INDEX pushes_board ON pushes (board_id, at);
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        board_id INTEGER REFERENCES boards (id) ON DELETE SET NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX events_board ON events (board_id, at);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
];

export const latestVersion = (): number => migrations.at(-1)?.version ?? 0;

/** Applies the steps past the database's version, each with its bump, in one transaction. */
export function migrate(db: Database, steps: readonly Migration[] = migrations): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  const pending = steps.filter((step) => step.version > current);
  db.transaction(() => {
    for (const step of pending) {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    }
  }).immediate();
  return pending.length;
}
