// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { formatBytes } from '../../../shared/format.js';
import { printJson, printTable } from '../output.js';
import { withConnection } from '../run-action.js';

export function registerImage(program: Command): void {
  const image = program.command('image').description('Look at OS images before flashing');
  image
    .command('inspect <image>')
    .description('Format, sizes, partition table, boot partition and config.json of an image')
    .option('--json', 'print JSON')
    .action((path: string, options: { json?: boolean }) =>
      withConnection(options, async ({ client }) => {
        const info = await client.call('image.inspect', { image: path });
        if (options.json) return printJson(info);
        const out = (line: string): boolean => process.stdout.write(`${line}\n`);
        out(`Image:      ${info.path}`);
        out(
          `Format:     ${info.format}${info.compressedSize !== undefined ? ` (${formatBytes(info.compressedSize)} compressed)` : ''}`,
        );
        out(`Size:       ${formatBytes(info.size)}${info.sizeIsEstimated ? ' (estimated)' : ''}`);
        out(`Table:      ${info.partitionTable.toUpperCase()}`);
        if (info.bmap) out(`Bmap:       ${info.bmap}`);
        out('');
        printTable(info.partitions, [
          ['#', (p) => String(p.index)],
          ['OFFSET', (p) => String(p.offset)],
          ['SIZE', (p) => formatBytes(p.size)],
          ['TYPE', (p) => p.type],
          ['FS', (p) => p.filesystem],
          ['LABEL', (p) => p.label ?? '-'],
        ]);
        out('');
        out(
          info.bootPartition
            ? `Boot partition: ${info.bootPartition.index} (${info.bootReason})`
            : `Boot partition: none (${info.bootReason}); flashing with config will be refused`,
        );
        if (info.config) out(`config.json:    ${JSON.stringify(info.config)}`);
      }),
    );
}
