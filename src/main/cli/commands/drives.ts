// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { formatBytes } from '../../../shared/format.js';
import { printJson, printTable } from '../output.js';
import { withConnection } from '../run-action.js';

interface DrivesOptions {
  showVirtual?: boolean;
  image?: string;
  json?: boolean;
}

export function registerDrives(program: Command): void {
  program
    .command('drives')
    .description('List the drives that can be flashed (removable first), with warnings')
    .option('--show-virtual', 'include loop devices and other virtual drives')
    .option('--image <path>', 'show the warnings for writing this image to each drive')
    .option('--json', 'print JSON')
    .action((options: DrivesOptions) =>
      withConnection(options, async ({ client }) => {
        const drives = await client.call('drives.list', {
          showVirtual: options.showVirtual ?? false,
          ...(options.image ? { image: options.image } : {}),
        });
        if (options.json) return printJson(drives);
        if (drives.length === 0) {
          process.stdout.write(
            'No drives found. Insert a card, or pass --show-virtual to list loop devices.\n',
          );
          return;
        }
        printTable(drives, [
          ['DEVICE', (d) => d.device],
          ['SIZE', (d) => formatBytes(d.size)],
          ['DESCRIPTION', (d) => d.description],
          [
            'FLAGS',
            (d) =>
              [
                d.removable ? 'removable' : '',
                d.system ? 'system' : '',
                d.readOnly ? 'read-only' : '',
                d.virtual ? 'virtual' : '',
                d.mountpoints.length > 0 ? 'mounted' : '',
              ]
                .filter(Boolean)
                .join(',') || '-',
          ],
          ['WARNINGS', (d) => d.warnings.map((w) => w.message).join(' ') || '-'],
        ]);
      }),
    );
}
