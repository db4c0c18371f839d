// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { printJson } from '../output.js';
import { withConnection, type JsonOption } from '../run-action.js';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('Show the version and where the engine runs')
    .option('--json', 'print JSON')
    .action((options: JsonOption) =>
      withConnection({ ...options, attach: true }, async ({ client, via }) => {
        const info = await client.call('app.info', {});
        if (options.json) printJson({ ...info, via });
        else
          process.stdout.write(
            `benchtop ${info.version} on ${info.platform}/${info.arch} (${via === 'server' ? 'attached to a running server' : 'standalone'})${info.isRoot ? ', running as root' : ''}\n`,
          );
      }),
    );
}
