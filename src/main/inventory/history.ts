// SPDX-License-Identifier: Apache-2.0
// A board's history: what happened to it, when, and who did it. Rows outlive their board
// (board_id is nulled when it is forgotten), so nothing recorded is lost with it.
import { userInfo } from 'node:os';
import type { Database } from 'better-sqlite3';
import { HistoryKind, type HistoryEvent } from '../../shared/contract/index.js';

/** The user this process runs as; events carry it so a shared bench knows who did what. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

export function addEvent(
  db: Database,
  boardId: number | null,
  kind: HistoryKind,
  detail: Record<string, unknown> = {},
  at: string = new Date().toISOString(),
  who: string = currentUser(),
): void {
  db.prepare('INSERT INTO events (board_id, kind, at, who, detail) VALUES (?, ?, ?, ?, ?)').run(
    boardId,
    kind,
    at,
    who,
    JSON.stringify(detail),
  );
}

interface EventRow {
  id: number;
  kind: string;
  at: string;
  who: string;
  detail: string;
}

export function historyOf(db: Database, boardId: number, limit: number): HistoryEvent[] {
  return db
    .prepare<[number, number], EventRow>(
      'SELECT id, kind, at, who, detail FROM events WHERE board_id = ? ORDER BY at DESC, id DESC LIMIT ?',
    )
    .all(boardId, limit)
    .flatMap((row) => {
      const kind = HistoryKind.safeParse(row.kind);
      // A kind from a newer Benchtop is skipped here rather than failing the whole history.
      if (!kind.success) return [];
      return [
        { id: row.id, kind: kind.data, at: row.at, who: row.who, detail: parseDetail(row.detail) },
      ];
    });
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { text };
  }
}
