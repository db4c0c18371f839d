// SPDX-License-Identifier: Apache-2.0
// `benchtop flash --cards FILE`: the table read and checked here, with the shared reader the
// Flash pane uses, so a bad cell is named (file, line, column) before the engine is asked.
import { readFile } from 'node:fs/promises';
import { parseCardsCsv, type CardRow } from '../../../shared/cards-csv.js';
import { CsvError } from '../../../shared/csv.js';
import { BenchtopError } from '../../../shared/errors.js';
import { hints } from '../../../shared/error-hints.js';

export async function readCardsTable(path: string): Promise<CardRow[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BenchtopError(
      error.code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT',
      `Cannot read the cards table ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
    );
  });
  try {
    return parseCardsCsv(text, path);
  } catch (error) {
    if (error instanceof CsvError)
      throw BenchtopError.withHint('INVALID_CONFIG', `${error.message}.`, hints.badCardsTable);
    throw error;
  }
}
