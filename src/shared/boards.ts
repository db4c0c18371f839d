// SPDX-License-Identifier: Apache-2.0
// How a board is named and ordered, the same in the engine, the CLI and the UI.
import type { Board } from './contract/index.js';

/** The command that opens a shell on a board (balenaOS: root, port 22222 in development). */
export const sshCommand = (
  board: Pick<Board, 'address' | 'hostname' | 'name' | 'sshPort'>,
): string => `ssh -p ${board.sshPort} root@${board.address ?? board.hostname ?? board.name}`;

/** Numeric-aware address order: 10.231.2.2 before 10.231.10.2; boards without one last. */
// One collator: `localeCompare` with a locale builds a new one on every call (slow with 100s of boards).
// Made on first use: building it loads ICU's collation data, tens of milliseconds that every
// CLI command (a flash among them) would otherwise pay at start without sorting any board.
let numeric: Intl.Collator | undefined;

export function compareAddresses(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  numeric ??= new Intl.Collator('en', { numeric: true });
  return numeric.compare(a, b);
}

/** How push, logs and a board's services name a listed board: its address reaches it directly. */
export const boardRef = (board: Pick<Board, 'address' | 'hostname' | 'name'>): string =>
  board.address ?? board.hostname ?? board.name;
