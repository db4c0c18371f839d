// SPDX-License-Identifier: Apache-2.0
import { InvalidArgumentError, type Command } from 'commander';
import type { GroupOver } from '../../../shared/contract/index.js';
import { addGroupOptions, groupRunOf, type GroupFlags } from '../group/group-options.js';
import { readPassword } from '../read-password.js';
import { withConnection } from '../run-action.js';

interface ExecOptions extends GroupFlags {
  over: GroupOver;
  user?: string;
  passwordFile?: string;
}

function parseOver(text: string): GroupOver {
  if (text === 'serial' || text === 'ssh') return { kind: text };
  const service = /^container:(.+)$/.exec(text)?.[1];
  if (service !== undefined) return { kind: 'container', service };
  throw new InvalidArgumentError('use serial, ssh or container:SERVICE');
}

export function registerExec(program: Command): void {
  addGroupOptions(
    program
      .command('exec')
      .description(
        'Run one command on many boards at once: a result per board as it ends, then a summary. Exits 0 only when every board succeeded.',
      )
      .argument('<command...>', 'after --: the command, run by the board’s shell'),
    60,
  )
    .option(
      '--over <where>',
      'serial (its tied console), ssh (host OS) or container:SERVICE',
      parseOver,
      {
        kind: 'ssh',
      },
    )
    .option('--user <name>', 'for a serial console that asks for a login')
    .option(
      '--password-file <file>',
      'for a serial console that asks for a password: the file holding it',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  benchtop exec --boards "crate=2" -- /opt/selftest.sh\n  benchtop exec --boards "label=arch=aarch64 online" --over serial --user root -- uname -m\n  benchtop exec --board board0 --board board1 --over container:daq -- cat /proc/loadavg',
    )
    .action((words: string[], options: ExecOptions) =>
      withConnection({ attach: true, ...options }, async ({ client }) => {
        const { runGroupAction } = await import('../group/run-group.js');
        const password =
          options.passwordFile === undefined ? undefined : await readPassword(options.passwordFile);
        const request = {
          ...groupRunOf(options),
          over: options.over,
          command: words.join(' '),
          ...(options.user === undefined ? {} : { user: options.user }),
          ...(password === undefined ? {} : { password }),
        };
        await runGroupAction(client, 'group.exec', request, options.json ?? false);
      }),
    );
}
