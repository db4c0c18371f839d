// SPDX-License-Identifier: Apache-2.0
import type { Board } from '../../../shared/contract/index.js';

export type SortKey = 'name' | 'address' | 'interface' | 'arch' | 'engine';

export function engineLabel(board: Board): string {
  if (board.engine) return board.engine.version;
  return board.engineState === 'pending' ? 'probing' : 'unreachable';
}

/** Every word typed must match one of the fields a person would search by. */
export function matchesFilter(board: Board, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    board.name,
    board.hostname ?? '',
    board.address ?? '',
    board.interface ?? '',
    board.engine?.arch ?? '',
    engineLabel(board),
    board.engineState === 'up' ? 'engine-up' : 'engine-down',
    // The Supervisor and SSH columns' words too: "unreachable" finds a board whose engine
    // answers but whose supervisor does not.
    board.supervisor.state === 'down' ? 'unreachable supervisor-down' : '',
    board.supervisor.state === 'up' ? 'supervisor-up' : '',
    board.ssh.state === 'down' ? 'closed ssh-closed' : '',
    board.left ? 'left gone' : '',
    board.source,
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

// One collator for every comparison: \`localeCompare(b, 'en', options)\` builds a new one per call,
// which made sorting a few hundred boards cost tens of milliseconds on every update.
const collator = new Intl.Collator('en', { numeric: true });
/** balenaOS names a board by its uuid's first 7 hex digits: "9f0e1d2" is no number 9. */
const HEX_NAME = /^[0-9a-f]{7,}$/i;
const byText = (a: string, b: string): number =>
  HEX_NAME.test(a) && HEX_NAME.test(b)
    ? a.toLowerCase() < b.toLowerCase()
      ? -1
      : a.toLowerCase() > b.toLowerCase()
        ? 1
        : 0
    : collator.compare(a, b);

/** Null (not known) sorts after every value. */
const keyOf: Record<SortKey, (board: Board) => string | null> = {
  name: (b) => b.name,
  // Numeric-aware, so 10.231.2.2 sorts before 10.231.10.2.
  address: (b) => b.address,
  interface: (b) => b.interface,
  arch: (b) => b.engine?.arch ?? null,
  engine: (b) => (b.engine ? `0 ${b.engine.version}` : b.engineState === 'pending' ? '1' : '2'),
};

export function sortBoards(boards: readonly Board[], key: SortKey, descending = false): Board[] {
  const pick = keyOf[key];
  const compare = (x: string | null, y: string | null): number =>
    x === y ? 0 : x === null ? 1 : y === null ? -1 : byText(x, y);
  const sorted = [...boards].sort(
    (a, b) => compare(pick(a), pick(b)) || byText(a.name, b.name) || byText(a.id, b.id),
  );
  return descending ? sorted.reverse() : sorted;
}
