// SPDX-License-Identifier: Apache-2.0
// Export and import: JSON (everything, a backup) and CSV (the boards, for a spreadsheet).
import type { InventoryFormat } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { CsvError } from '../../shared/csv.js';
import { boardsFromCsv, boardsToCsv } from './board-csv.js';
import { historyOf } from './history.js';
import { importRows } from './import-boards.js';
import { boardsFromJson, exportedBoard, type InventoryExport } from './inventory-json.js';
import { importUnlinked, readUnlinked } from './unlinked.js';
import type { InventoryStore } from './inventory-store.js';

export function exportInventory(
  store: InventoryStore,
  format: InventoryFormat,
  at: string = new Date().toISOString(),
): { text: string; boards: number } {
  const boards = store.list();
  if (format === 'csv') return { text: boardsToCsv(boards), boards: boards.length };
  const pushes = store.db.prepare<
    [number],
    { project: string; release: string | null; services: string; at: string }
  >('SELECT project, release, services, at FROM pushes WHERE board_id = ? ORDER BY at, id');
  const document: InventoryExport = {
    benchtop: 'inventory',
    version: 1,
    exportedAt: at,
    boards: boards.map((board) =>
      exportedBoard(board, {
        flashes: store.reader
          .flashesOf(board.id)
          .reverse()
          .map(({ id: _id, ...flash }) => flash),
        pushes: pushes
          .all(board.id)
          .map((p) => ({ ...p, services: JSON.parse(p.services) as string[] })),
        history: historyOf(store.db, board.id, 1_000_000).map(({ id: _id, ...event }) => event),
      }),
    ),
    unlinked: readUnlinked(store),
  };
  return { text: `${JSON.stringify(document, null, 2)}\n`, boards: boards.length };
}

export function importInventory(
  store: InventoryStore,
  format: InventoryFormat,
  text: string,
  source: string,
  /** Who imports: the 'imported' events name them. */
  who?: string,
): { added: number; updated: number } {
  if (format === 'json') {
    const { rows, unlinked } = boardsFromJson(text, source);
    // One transaction (the rows' own nests inside it): the boards and the rest, or nothing.
    return store.db.transaction(() => {
      const outcome = importRows(store, rows, who);
      importUnlinked(store, unlinked);
      return outcome;
    })();
  }
  try {
    return importRows(store, boardsFromCsv(text, source), who);
  } catch (error) {
    if (error instanceof CsvError)
      throw new BenchtopError('INVALID_INPUT', `${error.message}. Nothing was imported.`);
    throw error;
  }
}
