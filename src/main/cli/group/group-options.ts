// SPDX-License-Identifier: Apache-2.0
// The options every group command takes (which boards, how many at once, how long each may
// take, --json), declared once so `exec`, `restart`, `stop`, `reboot` read alike.
import { InvalidArgumentError, type Command } from 'commander';
import type { GroupSelection } from '../../../shared/contract/index.js';

export interface GroupFlags {
  boards?: string;
  board: string[];
  concurrency: number;
  timeout: number;
  json?: boolean;
}

export function positive(max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || value > max)
      throw new InvalidArgumentError(`a number above 0, at most ${max}`);
    return value;
  };
}

/** --boards and --board only: `push` takes its boards this way too. */
export function addSelectionOptions(command: Command): Command {
  return command
    .option(
      '--boards <filter>',
      'the inventory’s boards matching every term (as `benchtop boards --filter`: crate=2 label=arm online …)',
    )
    .option(
      '--board <name>',
      'a board by hand (repeatable; adds to --boards)',
      (name: string, all: string[]) => [...all, name],
      [],
    );
}

export function addGroupOptions(command: Command, timeoutSeconds: number): Command {
  return addSelectionOptions(command)
    .option('--concurrency <n>', 'boards at once', positive(64), 8)
    .option(
      '--timeout <seconds>',
      'per board; a board that takes longer fails alone',
      positive(3600),
      timeoutSeconds,
    )
    .option('--json', 'a JSON line per board as it ends, then the summary');
}

export const selectionOf = (flags: Pick<GroupFlags, 'boards' | 'board'>): GroupSelection => ({
  ...(flags.boards === undefined ? {} : { filter: flags.boards }),
  ...(flags.board.length === 0 ? {} : { names: flags.board }),
});

/** The request fields every group command sends. */
export const groupRunOf = (flags: GroupFlags) => ({
  boards: selectionOf(flags),
  concurrency: Math.floor(flags.concurrency),
  timeoutMs: Math.round(flags.timeout * 1000),
});
