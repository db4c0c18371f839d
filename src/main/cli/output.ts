// SPDX-License-Identifier: Apache-2.0
import { describeError, toErrorInfo } from '../../shared/errors.js';
import { exitCodeFor } from './exit-codes.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A plain aligned table; columns are [header, cell] pairs. */
export function printTable<T>(
  rows: readonly T[],
  columns: readonly [string, (row: T) => string][],
): void {
  const cells = rows.map((row) => columns.map(([, cell]) => cell(row)));
  const widths = columns.map(([header], i) =>
    Math.max(header.length, ...cells.map((line) => (line[i] ?? '').length)),
  );
  const format = (line: string[]): string =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${format(columns.map(([header]) => header))}\n`);
  for (const line of cells) process.stdout.write(`${format(line)}\n`);
}

/** Reports a failure the way the caller asked (words or JSON) and sets the exit code. */
export function reportError(error: unknown, json: boolean): void {
  const info = toErrorInfo(error);
  if (json) process.stdout.write(`${JSON.stringify({ error: info })}\n`);
  else
    process.stderr.write(
      `benchtop: ${describeError(info)}\n${info.detail ? `(${info.detail})\n` : ''}`,
    );
  process.exitCode = exitCodeFor(info.code);
}
