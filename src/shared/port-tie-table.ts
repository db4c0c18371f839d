// SPDX-License-Identifier: Apache-2.0
// A stand's table of consoles, for tying ports to boards in bulk: each row names a board (by
// name, or by its slot in the inventory, with its crate when slots repeat) and a port (by path,
// or by its USB adapter's serial number wherever it is plugged). Every row is checked first and
// every problem named by line and column, so a table with one bad row ties nothing.
import type { InventoryBoard, PortInfo } from './contract/index.js';
import { CsvError, cellOf, readTable, type CsvCell, type CsvTable } from './csv.js';
import { BenchtopError } from './errors.js';
import { recordName } from './inventory/board-name.js';

export const TIE_COLUMNS = ['board', 'crate', 'slot', 'port', 'serial'] as const;

export interface PlannedTie {
  /** The row's line in the file. */
  readonly line: number;
  readonly path: string;
  readonly board: string;
}

interface Known {
  readonly ports: readonly PortInfo[];
  readonly boards: readonly InventoryBoard[];
}

/** One of two columns, exactly ("a board or a slot"): the one given, as `first` or not. */
function either(
  first: CsvCell,
  second: CsvCell,
  words: string,
): { cell: CsvCell; first: boolean } | string {
  const a = first.text.trim();
  const b = second.text.trim();
  if (a !== '' && b !== '') return `give ${words}, not both`;
  if (a === '' && b === '') return `give ${words}`;
  return a !== '' ? { cell: first, first: true } : { cell: second, first: false };
}

function boardOf(crate: string, slot: string, known: Known): string {
  const sitting = known.boards.filter(
    (b) => b.location.slot === slot && (crate === '' || b.location.crate === crate),
  );
  const where = crate === '' ? `slot ${slot}` : `crate ${crate} slot ${slot}`;
  if (sitting.length > 1) {
    const crates = sitting.map((b) => b.location.crate ?? '(none)').join(', ');
    throw new Error(
      `${where} holds ${sitting.length} boards (crates ${crates}): add a crate column`,
    );
  }
  const name = sitting[0] === undefined ? undefined : recordName(sitting[0]);
  if (name === undefined)
    throw new Error(`the inventory has no board in ${where} (see \`benchtop boards\`)`);
  return name;
}

function portOf(serial: string, known: Known): string {
  const plugged = known.ports.filter((p) => p.serialNumber === serial);
  if (plugged.length > 1)
    throw new Error(`${plugged.length} plugged ports have serial number ${serial}: use a path`);
  const port = plugged[0];
  if (port === undefined)
    throw new Error(`no plugged adapter has serial number ${serial} (see \`benchtop ports\`)`);
  return port.byIdPath ?? port.path;
}

function readTies(text: string, source: string): CsvTable {
  try {
    return readTable(text, {
      required: [],
      allowed: (name) => (TIE_COLUMNS as readonly string[]).includes(name),
      source,
    });
  } catch (error) {
    if (error instanceof CsvError)
      throw new BenchtopError('INVALID_INPUT', `Nothing was tied: ${error.message}.`);
    throw error;
  }
}

/** The ties a table asks for, or a BenchtopError listing every problem in it. */
export function planTies(text: string, known: Known, source = 'the table'): PlannedTie[] {
  const table = readTies(text, source);
  const problems: CsvError[] = [];
  const ties: PlannedTie[] = [];
  const seen = { paths: new Map<string, number>(), boards: new Map<string, number>() };
  for (const row of table.rows) {
    const cell = (name: string) => cellOf(table, row, name);
    const fail = (at: CsvCell, problem: string): undefined => {
      problems.push(new CsvError(at.line, at.column, problem, source));
      return undefined;
    };
    const resolved = (at: CsvCell, find: () => string): string | undefined => {
      try {
        return find();
      } catch (error) {
        return fail(at, error instanceof Error ? error.message : String(error));
      }
    };
    const boardGiven = either(cell('board'), cell('slot'), 'a board or a slot');
    const portGiven = either(cell('port'), cell('serial'), 'a port or a serial');
    const board =
      typeof boardGiven === 'string'
        ? fail(cell('board'), boardGiven)
        : resolved(boardGiven.cell, () =>
            boardGiven.first
              ? boardGiven.cell.text.trim()
              : boardOf(cell('crate').text.trim(), boardGiven.cell.text.trim(), known),
          );
    const path =
      typeof portGiven === 'string'
        ? fail(cell('port'), portGiven)
        : resolved(portGiven.cell, () =>
            portGiven.first
              ? portGiven.cell.text.trim()
              : portOf(portGiven.cell.text.trim(), known),
          );
    if (board === undefined || path === undefined) continue;
    const twice = (map: Map<string, number>, key: string, at: CsvCell, what: string) => {
      const first = map.get(key.toLowerCase());
      if (first === undefined) map.set(key.toLowerCase(), row.line);
      else fail(at, `${what} is already on line ${first}`);
      return first !== undefined;
    };
    const boardAt = typeof boardGiven === 'string' ? cell('board') : boardGiven.cell;
    const portAt = typeof portGiven === 'string' ? cell('port') : portGiven.cell;
    const again =
      twice(seen.paths, path, portAt, `port ${path}`) ||
      twice(seen.boards, board, boardAt, `board ${board}`);
    if (!again) ties.push({ line: row.line, path, board });
  }
  if (problems.length > 0) {
    throw new BenchtopError(
      'INVALID_INPUT',
      `Nothing was tied: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${source}:\n${problems.map((p) => `  ${p.message}`).join('\n')}`,
    );
  }
  if (ties.length === 0)
    throw new BenchtopError('INVALID_INPUT', `${source} has no rows: nothing to tie.`);
  return ties;
}
