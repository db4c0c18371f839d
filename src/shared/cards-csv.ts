// SPDX-License-Identifier: Apache-2.0
// A table of cards to flash: per slot, the board's hostname, optionally its static address,
// labels, extra config.json variables (columns named `config.NAME`) and the drive to write.
// Pure, shared: the engine refuses a bad table before writing, and the Flash pane shows each
// card's identity from the same reading.
import type { CardEntry } from './contract/flash.js';
import { LabelText } from './contract/inventory.js';
import { cellOf, CsvError, readTable, type CsvCell } from './csv.js';
import { addressProblem } from './network-config-rules.js';

/** A card as the table gave it: the contract's CardEntry, with the line it is on. */
export type CardRow = CardEntry & { line: number };

const OPTIONAL = new Set(['ip', 'labels', 'target']);
const CONFIG = /^config\.([A-Za-z_][A-Za-z0-9_]*)$/;
/** One DNS label: what balenaOS accepts as a hostname, and what mDNS will advertise. */
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function hostnameProblem(name: string): string | undefined {
  if (HOSTNAME.test(name)) return undefined;
  return 'is not a hostname (letters, digits and inner hyphens, at most 63)';
}

export function parseCardsCsv(text: string, source = 'the cards table'): CardRow[] {
  const table = readTable(text, {
    required: ['slot', 'hostname'],
    allowed: (name) => OPTIONAL.has(name) || CONFIG.test(name),
    source,
  });
  const configColumns = [...table.columns.keys()].filter((name) => CONFIG.test(name));
  const seen = new Map<string, Map<string, CsvCell>>();
  /** A value two rows share (slot, hostname, address, target) is refused at the second. */
  const once = (column: string, key: string, cell: CsvCell) => {
    const values = seen.get(column) ?? new Map<string, CsvCell>();
    seen.set(column, values);
    const earlier = values.get(key);
    if (earlier)
      throw new CsvError(
        cell.line,
        cell.column,
        `the ${column} ${cell.text.trim()} is also on line ${earlier.line}`,
        source,
      );
    values.set(key, cell);
  };
  const cards = table.rows.map((row): CardRow => {
    const cell = (name: string) => cellOf(table, row, name);
    const slot = cell('slot');
    if (slot.text.trim() === '')
      throw new CsvError(slot.line, slot.column, 'the slot is empty', source);
    once('slot', slot.text.trim().toLowerCase(), slot);
    const hostname = cell('hostname');
    const hostProblem = hostnameProblem(hostname.text.trim());
    if (hostProblem)
      throw new CsvError(
        hostname.line,
        hostname.column,
        `"${hostname.text}" ${hostProblem}`,
        source,
      );
    once('hostname', hostname.text.trim().toLowerCase(), hostname);
    const card: CardRow = {
      line: row.line,
      slot: slot.text.trim(),
      hostname: hostname.text.trim(),
      labels: [],
      config: {},
    };
    const ip = cell('ip');
    if (ip.text.trim() !== '') {
      const problem = addressProblem(ip.text.trim());
      if (problem) throw new CsvError(ip.line, ip.column, `"${ip.text}" ${problem}`, source);
      once('address', ip.text.trim().split('/')[0] ?? '', ip);
      card.address = ip.text.trim();
    }
    const labels = cell('labels');
    for (const label of labels.text.split(/[\s;]+/).filter((l) => l !== '')) {
      if (!LabelText.safeParse(label).success)
        throw new CsvError(
          labels.line,
          labels.column,
          `"${label}" is not a label (key or key=value)`,
          source,
        );
      card.labels.push(label);
    }
    const target = cell('target');
    if (target.text.trim() !== '') {
      once('target', target.text.trim(), target);
      card.target = target.text.trim();
    }
    for (const column of configColumns) {
      const value = cell(column).text;
      const key = CONFIG.exec(column)?.[1];
      if (key && value !== '') card.config[key] = value;
    }
    return card;
  });
  const withTarget = cards.filter((card) => card.target !== undefined).length;
  if (withTarget > 0 && withTarget < cards.length) {
    const first = table.rows[cards.findIndex((card) => card.target === undefined)];
    const at = first ? cellOf(table, first, 'target') : { line: 1, column: 1 };
    throw new CsvError(
      at.line,
      at.column,
      'this card names no target while others do: give every card its target, or none (cards then go to the targets in order)',
      source,
    );
  }
  return cards;
}
