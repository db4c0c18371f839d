// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import type { PortInfo } from '../../../shared/contract/index.js';
import { printJson, printTable } from '../output.js';
import { withConnection, type JsonOption } from '../run-action.js';

const usbId = (port: PortInfo): string =>
  port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : '';

export function registerPorts(program: Command): void {
  program
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
}
