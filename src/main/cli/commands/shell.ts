// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { reportError } from '../output.js';
import { withConnection } from '../run-action.js';
import { shellWords } from '../shell/shell-words.js';

interface ShellOptions {
  project?: string;
  tty?: boolean;
  json?: boolean;
}

export function registerShell(program: Command): void {
  program
    .command('shell')
    .description(
      "A shell on a board: its host OS (ssh to port 22222 as root, no password prompt) or a service's container (the engine's exec). With a command after --, runs it and exits with its status.",
    )
    .argument('<board>', 'the board: an address, or a name the Devices list knows')
    .argument(
      '[service]',
      'a service (or container) of the project pushed there; none: the host OS',
    )
    .argument('[command...]', 'after --: a command to run, as `ssh host CMD…` runs it')
    .option('--project <name>', 'the project the service belongs to, when several are pushed')
    .option(
      '-t, --tty',
      'a terminal on the board even for a command (default: only for a shell at a terminal)',
    )
    .option('-T, --no-tty', 'no terminal on the board, even at one')
    .option('--json', 'for scripts: run the command and print {status, output, stdout, stderr}')
    .addHelpText(
      'after',
      '\nExamples:\n  benchtop shell 4f2a1c9            the board’s host OS\n  benchtop shell 4f2a1c9 frontend   a shell in the frontend service\n  benchtop shell 10.0.0.5 api -- cat /etc/hostname',
    )
    .action(
      async (
        _board: string,
        _service: string | undefined,
        _rest: string[],
        options: ShellOptions,
        command: Command,
      ) => {
        const json = options.json ?? false;
        let words;
        try {
          words = shellWords(command.args, process.argv);
        } catch (error) {
          reportError(error, json);
          return;
        }
        const { board, service, command: argv } = words;
        const tty = json
          ? false
          : (options.tty ?? (argv.length === 0 && process.stdin.isTTY === true));
        await withConnection({ attach: true, json }, async ({ client }) => {
          const { runShell } = await import('../shell/run-shell.js');
          await runShell(client, {
            board,
            target:
              service === undefined
                ? { kind: 'host' }
                : {
                    kind: 'service',
                    service,
                    ...(options.project === undefined ? {} : { project: options.project }),
                  },
            command: argv,
            json,
            tty,
          });
        });
      },
    );
}
