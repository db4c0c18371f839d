// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { parseCsv, readTable, toCsv } from '../../../src/shared/csv.js';

const texts = (text: string) => parseCsv(text).map((row) => row.cells.map((cell) => cell.text));

describe('CSV as spreadsheets write it', () => {
  it('reads quotes, doubled quotes, commas and line breaks in cells, CRLF, a BOM, and skips blank lines', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",last\n';
    expect(texts(text)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'last'],
    ]);
    // The row after a cell with a line break starts on the line after it.
    expect(parseCsv(text).map((row) => row.line)).toEqual([1, 2, 4]);
  });

  it('writes what it reads back the same', () => {
    const rows = [
      ['plain', 'with, comma', 'with "quote"', ' edge ', 'multi\nline', ''],
      ['', '', '', '', '', 'x'],
    ];
    const header = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(texts(toCsv(header, rows))).toEqual([header, ...rows]);
  });

  it('names the line and column of a malformed quote', () => {
    expect(() => parseCsv('a,b\n1,x"y\n', 'cards.csv')).toThrow(
      'cards.csv, line 2, column 2: a quote inside an unquoted cell',
    );
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(/line 2, column 2: text after a closing quote/);
    expect(() => parseCsv('a,b\n1,2\n3,"open\nstill open')).toThrow(
      /line 3, column 2: a quoted cell is never closed/,
    );
  });

  it('checks the header and each row’s width, naming line and column', () => {
    const spec = {
      required: ['slot', 'hostname'],
      allowed: (n: string) => n === 'ip',
      source: 't.csv',
    };
    expect(() => readTable('slot,ip\n1,2\n', spec)).toThrow(
      't.csv, line 1, column 1: the header lacks the column hostname',
    );
    expect(() => readTable('slot,hostname,slot\n', spec)).toThrow(
      /line 1, column 3: the column "slot" is named twice/,
    );
    expect(() => readTable('slot,hostname,colour\n', spec)).toThrow(
      /line 1, column 3: unknown column "colour"/,
    );
    expect(() => readTable('slot,hostname\n1,a\n2,b,extra\n', spec)).toThrow(
      /line 3, column 3: 3 cells where the header has 2/,
    );
    expect(() => readTable('slot,hostname\n1\n', spec)).toThrow(
      /line 2, column 2: 1 cells where the header has 2 \(missing: hostname\)/,
    );
    expect(() => readTable('', spec)).toThrow(/line 1, column 1: the file is empty/);
  });
});
