// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import type { PortInfo } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/errors.js';
import { printJson, printTable } from '../output.js';
import { withConnection, type JsonOption } from '../run-action.js';

/** --json may stand before or after the subcommand: commander gives it to `ports` then. */
const jsonOf = (command: Command): boolean => command.optsWithGlobals<JsonOption>().json ?? false;

const usbId = (port: PortInfo): string =>
  port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : '';

export function registerPorts(program: Command): void {
  const ports = program
    .command('ports')
    .description('List serial ports with their USB identity (a pty or symlink opens all the same)')
    .option('--json', 'print JSON')
    .option('--watch', 'keep running and print the list again when a port comes or goes')
    .action((options: JsonOption & { watch?: boolean }) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const show = (ports: PortInfo[]): void => {
          if (options.json) return printJson(options.watch ? { event: 'ports', ports } : ports);
          if (ports.length === 0) {
            process.stdout.write(
              'No serial ports found. Plug in a USB serial adapter, or open a pty or other path directly with `benchtop console PATH`.\n',
            );
            return;
          }
          printTable(ports, [
            ['PATH', (p) => p.path],
            ['USB ID', usbId],
            ['SERIAL', (p) => p.serialNumber ?? ''],
            ['MANUFACTURER', (p) => p.manufacturer ?? ''],
            ['PRODUCT', (p) => p.product ?? ''],
            ['BY-ID', (p) => p.byIdPath ?? ''],
            ['BOARD', (p) => p.board ?? ''],
            ['CONSOLE', (p) => (p.openSessionId ? 'open' : '')],
          ]);
        };
        show(await client.call('ports.list', {}));
        if (!options.watch) return;
        client.on('ports.changed', show);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
      }),
    );

  ports
    .command('tie')
    .description(
      'Tie a port to a board (remembered), so `benchtop console BOARD` opens it; a USB adapter is known by its serial number wherever it is plugged',
    )
    .argument('[port]', 'serial port path')
    .argument('[board]', "the board's name; its hostname (a balenaOS short uuid) is best")
    .option(
      '--table <file>',
      'tie many at once from a CSV: columns board (or crate and slot) and port (or serial, the adapter’s USB serial number); every row is checked before any is tied',
    )
    .option('--json', 'print JSON (a line per row with --table)')
    .addHelpText(
      'after',
      '\nExamples:\n  benchtop ports tie /dev/ttyUSB0 abc1234\n  benchtop ports tie --table consoles.csv   # crate,slot,serial\n                                            # 2,12,FT4ZK1QA',
    )
    .action(
      (
        path: string | undefined,
        board: string | undefined,
        options: { table?: string },
        command: Command,
      ) => {
        const json = jsonOf(command);
        return withConnection({ json, attach: true }, async ({ client }) => {
          if (options.table !== undefined) {
            if (path !== undefined)
              throw new BenchtopError(
                'INVALID_INPUT',
                'Give either a port and a board, or --table FILE, not both.',
              );
            const { tieFromTable } = await import('../tie-table.js');
            return tieFromTable(client, options.table, json);
          }
          if (path === undefined || board === undefined)
            throw new BenchtopError(
              'INVALID_INPUT',
              'Name the port and the board (`benchtop ports tie /dev/ttyUSB0 abc1234`), or give a table (--table FILE).',
            );
          const tie = await client.call('ports.tie', { path, board });
          if (json) printJson(tie);
          else process.stdout.write(`${tie.path} is now the console of ${board}.\n`);
        });
      },
    );
  ports
    .command('untie')
    .description('Forget which board a port belongs to')
    .argument('<port>', 'serial port path')
    .option('--json', 'print JSON')
    .action((path: string, _options: JsonOption, command: Command) => {
      const json = jsonOf(command);
      return withConnection({ json, attach: true }, async ({ client }) => {
        const tie = await client.call('ports.tie', { path, board: null });
        if (json) printJson(tie);
        else process.stdout.write(`${tie.path} is tied to no board.\n`);
      });
    });
  ports
    .command('ties')
    .description('Which port is tied to which board')
    .option('--json', 'print JSON')
    .action((_options: JsonOption, command: Command) => {
      const json = jsonOf(command);
      return withConnection({ json, attach: true }, async ({ client }) => {
        const ties = await client.call('ports.ties', {});
        if (json) return printJson(ties);
        if (ties.length === 0) {
          process.stdout.write(
            'No port is tied to a board. Tie one with `benchtop ports tie PORT BOARD`.\n',
          );
          return;
        }
        printTable(ties, [
          ['BOARD', (t) => t.board],
          ['PORT', (t) => t.path],
          ['SERIAL', (t) => t.serialNumber ?? ''],
          ['PRESENT', (t) => (t.present ? 'yes' : 'no')],
        ]);
      });
    });
}
