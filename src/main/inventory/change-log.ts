// SPDX-License-Identifier: Apache-2.0
// Which boards a write touched, told by SQLite itself: temporary triggers (this connection's
// only, never written into the file) note the board of every row inserted, changed or deleted
// in the inventory's tables. Whatever path writes (a command, a recorded flash, push or
// sighting, an import, a capability added later), the faces hear of it; a rolled-back write
// takes its notes with it.
import type { Database } from 'better-sqlite3';

/** Each table and the column that names the board a row is about. */
const TABLES: readonly [table: string, board: string][] = [
  ['boards', 'id'],
  ['labels', 'board_id'],
  ['presence', 'board_id'],
  ['flashes', 'board_id'],
  ['pushes', 'board_id'],
  ['events', 'board_id'],
];

const noted = (row: 'new' | 'old', column: string): string =>
  `INSERT INTO changed_boards (id) SELECT ${row}.${column} WHERE ${row}.${column} IS NOT NULL;`;

export interface ChangeLog {
  /** The boards touched since the last call, and forgets them. */
  take(): number[];
}

export function watchChanges(db: Database): ChangeLog {
  const statements = [
    // No key on it: ids are made distinct as they are read (an OR IGNORE in the triggers still
    // failed on the deletes that forgetting a board cascades into).
    'CREATE TEMP TABLE IF NOT EXISTS changed_boards (id INTEGER NOT NULL)',
    ...TABLES.flatMap(([table, column]) => [
      `CREATE TEMP TRIGGER IF NOT EXISTS ${table}_inserted AFTER INSERT ON ${table} BEGIN ${noted('new', column)} END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${table}_updated AFTER UPDATE ON ${table} BEGIN ${noted('old', column)} ${noted('new', column)} END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${table}_deleted AFTER DELETE ON ${table} BEGIN ${noted('old', column)} END`,
    ]),
  ];
  for (const sql of statements) db.exec(sql);
  const read = db.prepare<[], { id: number }>('SELECT DISTINCT id FROM changed_boards ORDER BY id');
  const clear = db.prepare('DELETE FROM changed_boards');
  return {
    take() {
      const ids = read.all().map((row) => row.id);
      if (ids.length > 0) clear.run();
      return ids;
    },
  };
}
