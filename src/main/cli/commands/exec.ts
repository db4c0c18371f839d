// SPDX-License-Identifier: Apache-2.0
import { InvalidArgumentError, type Command } from 'commander';
import type { GroupOver } from '../../../shared/contract/index.js';
import { readPassword } from '../read-password.js';
import { withConnection } from '../run-action.js';

interface ExecOptions {
  boards?: string;
  board: string[];
  over: GroupOver;
  concurrency: number;
  timeout: number;
  user?: string;
  passwordFile?: string;
  json?: boolean;
}

function parseOver(text: string): GroupOver {
  if (text === 'serial' || text === 'ssh') return { kind: text };
  const service = /^container:(.+)$/.exec(text)?.[1];
  if (service !== undefined) return { kind: 'container', service };
  throw new InvalidArgumentError('use serial, ssh or container:SERVICE');
}

function positive(max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || value > max)
      throw new InvalidArgumentError(`a number above 0, at most ${max}`);
    return value;
  };
}

export function registerExec(program: Command): void {
  program
    .command('exec')
    .description(
      'Run one command on many boards at once: a result per board as it ends, then a summary. Exits 0 only when every board succeeded.',
    )
    .argument('<command...>', 'after --: the command, run by the board’s shell')
    .option(
      '--boards <filter>',
      'the inventory’s boards matching every term (as `benchtop boards --filter`: crate=2 label=arm online …)',
    )
    .option(
      '--board <name>',
      'a board by hand (repeatable; adds to --boards)',
      (name: string, all: string[]) => [...all, name],
      [],
    )
    .option(
      '--over <where>',
      'serial (its tied console), ssh (host OS) or container:SERVICE',
      parseOver,
      {
        kind: 'ssh',
      },
    )
    .option('--concurrency <n>', 'boards at once', positive(64), 8)
    .option(
      '--timeout <seconds>',
      'per board; a board that takes longer fails alone',
      positive(3600),
      60,
    )
    .option('--user <name>', 'for a serial console that asks for a login')
    .option(
      '--password-file <file>',
      'for a serial console that asks for a password: the file holding it',
    )
    .option('--json', 'a JSON line per board as it ends, then the summary')
    .addHelpText(
      'after',
      '\nExamples:\n  benchtop exec --boards "crate=2" -- /opt/selftest.sh\n  benchtop exec --boards "label=arch=aarch64 online" --over serial --user root -- uname -m\n  benchtop exec --board board0 --board board1 --over container:daq -- cat /proc/loadavg',
    )
    .action((words: string[], options: ExecOptions) =>
      withConnection({ attach: true, ...options }, async ({ client }) => {
        const { runGroupExec } = await import('../group/run-exec.js');
        const password =
          options.passwordFile === undefined ? undefined : await readPassword(options.passwordFile);
        await runGroupExec(client, {
          boards: {
            ...(options.boards === undefined ? {} : { filter: options.boards }),
            ...(options.board.length === 0 ? {} : { names: options.board }),
          },
          over: options.over,
          command: words.join(' '),
          concurrency: Math.floor(options.concurrency),
          timeoutMs: Math.round(options.timeout * 1000),
          ...(options.user === undefined ? {} : { user: options.user }),
          ...(password === undefined ? {} : { password }),
          json: options.json ?? false,
        });
      }),
    );
}
