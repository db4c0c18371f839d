// SPDX-License-Identifier: Apache-2.0
// CSV as spreadsheets write it (RFC 4180: quotes, doubled quotes, line breaks inside quotes,
// CRLF or LF, a leading BOM), with every cell's line and column kept, so a problem is named
// where a person can find it: its line in the file and its column as a spreadsheet counts
// them (1 is A). Shared: the engine imports tables, and the UI shows a card
// table before anything is written.

export interface CsvCell {
  text: string;
  line: number;
  /** The cell's place in its row, from 1 (a spreadsheet's column A). */
  column: number;
}

export interface CsvRow {
  /** The line the row starts on (1 is the header). */
  line: number;
  cells: CsvCell[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly problem: string,
    source = 'the CSV',
  ) {
    super(`${source}, line ${line}, column ${column}: ${problem}`);
    this.name = 'CsvError';
  }
}

/** Splits CSV text into rows of cells; a blank line is skipped, a malformed quote is an error. */
export function parseCsv(text: string, source?: string): CsvRow[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let cells: CsvCell[] = [];
  let rowLine = 1;
  let line = 1;
  let i = 0;
  const endRow = () => {
    const blank = cells.length === 1 && cells[0]?.text === '';
    if (!blank) rows.push({ line: rowLine, cells });
    cells = [];
  };
  while (i <= body.length) {
    const start = { line, column: cells.length + 1 };
    let cell = '';
    if (body[i] === '"') {
      i++;
      for (;;) {
        if (i >= body.length)
          throw new CsvError(start.line, start.column, 'a quoted cell is never closed', source);
        const ch = body[i] ?? '';
        if (ch === '"' && body[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (ch === '"') {
          i++;
          break;
        } else {
          cell += ch;
          i++;
          if (ch === '\n') line++;
        }
      }
      const next = body[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        throw new CsvError(
          line,
          start.column,
          'text after a closing quote (quote the whole cell, and double quotes inside it)',
          source,
        );
    } else {
      while (i < body.length && !',\r\n'.includes(body[i] ?? '')) {
        if (body[i] === '"')
          throw new CsvError(
            line,
            start.column,
            'a quote inside an unquoted cell (quote the whole cell, and double quotes inside it)',
            source,
          );
        cell += body[i];
        i++;
      }
    }
    cells.push({ text: cell, line: start.line, column: start.column });
    const sep = body[i];
    if (sep === ',') {
      i++;
      continue;
    }
    endRow();
    if (sep === undefined) break;
    i += sep === '\r' && body[i + 1] === '\n' ? 2 : 1;
    line++;
    rowLine = line;
  }
  return rows;
}

/** One cell as CSV: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export interface CsvTable {
  /** Column name → its index; only the columns the header has. */
  columns: Map<string, number>;
  rows: CsvRow[];
}

/**
 * Reads a header row and checks it: each required column present, no column twice, none
 * unknown (`allowed` says which may appear beyond the required ones), and every row as wide as
 * the header.
 */
export function readTable(
  text: string,
  spec: { required: readonly string[]; allowed: (name: string) => boolean; source?: string },
): CsvTable {
  const [header, ...rows] = parseCsv(text, spec.source);
  if (!header)
    throw new CsvError(
      1,
      1,
      `the file is empty; its first line must name the columns (${spec.required.join(', ')})`,
      spec.source,
    );
  const columns = new Map<string, number>();
  header.cells.forEach((cell, index) => {
    const name = cell.text.trim();
    if (columns.has(name))
      throw new CsvError(
        cell.line,
        cell.column,
        `the column "${name}" is named twice`,
        spec.source,
      );
    if (!spec.required.includes(name) && !spec.allowed(name))
      throw new CsvError(cell.line, cell.column, `unknown column "${name}"`, spec.source);
    columns.set(name, index);
  });
  const missing = spec.required.filter((name) => !columns.has(name));
  if (missing.length > 0)
    throw new CsvError(
      header.line,
      1,
      `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      spec.source,
    );
  for (const row of rows) {
    if (row.cells.length === header.cells.length) continue;
    const extra = row.cells[header.cells.length];
    if (extra)
      throw new CsvError(
        extra.line,
        extra.column,
        `${row.cells.length} cells where the header has ${header.cells.length}`,
        spec.source,
      );
    const last = row.cells.at(-1);
    throw new CsvError(
      row.line,
      (last?.column ?? 0) + 1,
      `${row.cells.length} cells where the header has ${header.cells.length} (missing: ${header.cells
        .slice(row.cells.length)
        .map((c) => c.text)
        .join(', ')})`,
      spec.source,
    );
  }
  return { columns, rows };
}

/** The cell of a named column in a row; a column the header lacks reads as empty. */
export function cellOf(table: CsvTable, row: CsvRow, name: string): CsvCell {
  const index = table.columns.get(name);
  const cell = index === undefined ? undefined : row.cells[index];
  return cell ?? { text: '', line: row.line, column: (index ?? row.cells.length) + 1 };
}
