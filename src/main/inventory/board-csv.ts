// SPDX-License-Identifier: Apache-2.0
// Boards as a CSV table, one row each: what a person keeps in a spreadsheet (identity,
// location, labels, notes, tied port). Flashes and history travel in the JSON export only.
import type { InventoryBoard } from '../../shared/contract/index.js';
import { LabelText } from '../../shared/contract/index.js';
import { cellOf, CsvError, readTable, toCsv, type CsvCell } from '../../shared/csv.js';
import type { ImportRow } from './import-rows.js';

export const BOARD_COLUMNS = [
  'uuid',
  'hostname',
  'deviceType',
  'crate',
  'slot',
  'labels',
  'notes',
  'portSerial',
  'portPath',
] as const;

export function boardsToCsv(boards: readonly InventoryBoard[]): string {
  return toCsv(
    BOARD_COLUMNS,
    boards.map((b) => [
      b.uuid ?? '',
      b.hostname ?? '',
      b.deviceType ?? '',
      b.location.crate ?? '',
      b.location.slot ?? '',
      b.labels.join(' '),
      b.notes,
      b.port?.serialNumber ?? '',
      b.port?.path ?? '',
    ]),
  );
}

const orNull = (cell: CsvCell): string | null =>
  cell.text.trim() === '' ? null : cell.text.trim();

/** Rows of a boards CSV; any malformed row is an error naming its line and column. */
export function boardsFromCsv(text: string, source: string): ImportRow[] {
  const allowed = new Set<string>(BOARD_COLUMNS);
  const table = readTable(text, {
    required: ['uuid', 'hostname'],
    allowed: (name) => allowed.has(name),
    source,
  });
  const at = (cell: CsvCell) => `${source}, line ${cell.line}, column ${cell.column}`;
  return table.rows.map((row) => {
    const cell = (name: (typeof BOARD_COLUMNS)[number]) => cellOf(table, row, name);
    const uuid = cell('uuid');
    const hostname = cell('hostname');
    if (orNull(uuid) === null && orNull(hostname) === null)
      throw new CsvError(row.line, uuid.column, 'a board needs a uuid or a hostname', source);
    if (orNull(uuid) !== null && !/^[0-9a-f]{7,64}$/i.test(uuid.text.trim()))
      throw new CsvError(
        uuid.line,
        uuid.column,
        `"${uuid.text}" is not a uuid (hex digits)`,
        source,
      );
    const labelsCell = cell('labels');
    const labels = labelsCell.text.split(/[\s;]+/).filter((l) => l !== '');
    for (const label of labels) {
      const parsed = LabelText.safeParse(label);
      if (!parsed.success)
        throw new CsvError(
          labelsCell.line,
          labelsCell.column,
          `"${label}" is not a label (key or key=value)`,
          source,
        );
    }
    const serial = orNull(cell('portSerial'));
    const path = orNull(cell('portPath'));
    return {
      where: `${source}, line ${row.line}`,
      uuidAt: at(uuid),
      hostnameAt: at(hostname),
      fields: {
        uuid: orNull(uuid)?.toLowerCase() ?? null,
        hostname: orNull(hostname),
        deviceType: orNull(cell('deviceType')),
        crate: orNull(cell('crate')),
        slot: orNull(cell('slot')),
        labels,
        notes: cell('notes').text,
        port: serial === null && path === null ? null : { serialNumber: serial, path },
      },
    };
  });
}
