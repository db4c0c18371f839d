// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { interactive, target, type InteractiveOptions } from '../console/interactive.js';
import {
  addSettingsOptions,
  settingsFrom,
  type SettingsOptions,
} from '../console/settings-options.js';
import type { GroupLogFlags } from '../console/group-log.js';
import { addSelectionOptions } from '../group/group-options.js';
import { printJson, reportError } from '../output.js';
import { BenchtopError } from '../../../shared/errors.js';
import { readPassword } from '../read-password.js';
import { withConnection } from '../run-action.js';

interface ExecOptions extends SettingsOptions {
  user?: string;
  passwordFile?: string;
  timeout: string;
  json?: boolean;
}

export function registerConsole(program: Command): void {
  const consoleCommand = addSettingsOptions(
    program
      .command('console')
      .description(
        'An interactive serial console (tio-like keys: Ctrl-T then q quit, b break, t timestamps, l clear, ? help). Shares the port with a running app or `benchtop serve`.',
      )
      .argument(
        '<port>',
        'serial port path (/dev/ttyUSB0, a /dev/serial/by-id link, a pty), or a board tied to one',
      )
      .option(
        '-l, --log <file>',
        'log everything to this file with a timestamp per line, until this command quits',
      )
      .option('--log-plain', 'log plain text: without escape sequences and carriage returns')
      .option('-t, --timestamps', 'show a timestamp at the start of each line')
      .option(
        '--json',
        'for scripts: JSON lines of output and state on stdout; stdin bytes go to the board as they are',
      ),
  );
  consoleCommand.action((port: string, options: InteractiveOptions) =>
    withConnection({ attach: true, json: options.json ?? false }, async ({ client }) =>
      interactive(client, port, options),
    ),
  );

  addSelectionOptions(
    consoleCommand
      .command('log')
      .description(
        'Log the serial console of every board selected to one folder, a file per board (<board>.log, a timestamp per line), until this command quits; a board without a tied port fails alone',
      ),
  )
    .option(
      '--folder <dir>',
      'where the logs go',
      `consoles-${new Date().toISOString().slice(0, 10)}`,
    )
    .option('--plain', 'log plain text: without escape sequences and carriage returns')
    .option('--json', 'a JSON line per board: its log file, or why it is not logging')
    .addHelpText('after', '\nExample:\n  benchtop console log --boards "crate=2" --folder run-42')
    .action((_flags: GroupLogFlags, command: Command) => {
      const flags = command.opts<GroupLogFlags>();
      return withConnection({ attach: true, json: flags.json ?? false }, async ({ client }) => {
        const { logGroup } = await import('../console/group-log.js');
        await logGroup(client, flags);
      });
    });

  consoleCommand
    .command('exec')
    .description(
      "Run a shell command on a board's serial getty and exit with its status; logs in first when the console asks",
    )
    .argument('<port>', 'serial port path, or a board tied to one')
    .argument('<command...>', 'the command (after --), run by the board’s shell in a subshell')
    .option(
      '-u, --user <name>',
      'user to log in as when a login prompt shows (default root); refused when another user is logged in',
    )
    .option('--password-file <file>', 'file holding the password (first line)')
    .option('--timeout <seconds>', 'give up after this long', '60')
    .option('--json', 'print {output, status} as JSON')
    .addHelpText(
      'after',
      '\nPort settings (-b/--baud, -p/--parity …) are those of `benchtop console`.',
    )
    .action((port: string, words: string[], _options: ExecOptions, command: Command) => {
      // The port settings are the parent's options; commander parses them wherever they stand.
      const options = command.optsWithGlobals<ExecOptions>();
      return withConnection({ json: options.json ?? false, attach: true }, async ({ client }) => {
        const seconds = Number(options.timeout);
        if (!Number.isFinite(seconds) || seconds <= 0) {
          reportError(
            new BenchtopError(
              'INVALID_INPUT',
              `--timeout must be a number of seconds, not "${options.timeout}".`,
            ),
            options.json ?? false,
          );
          return;
        }
        const password =
          options.passwordFile !== undefined ? await readPassword(options.passwordFile) : undefined;
        const settings = settingsFrom(options);
        const result = await client.call('console.exec', {
          ...target(port),
          command: words.join(' '),
          timeoutMs: Math.round(seconds * 1000),
          ...(options.user !== undefined ? { user: options.user } : {}),
          ...(password !== undefined ? { password } : {}),
          ...(settings ? { settings } : {}),
        });
        if (options.json) printJson(result);
        else process.stdout.write(result.output);
        process.exitCode = result.status;
      });
    });
}
