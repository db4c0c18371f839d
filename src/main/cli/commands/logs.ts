// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { BenchtopError } from '../../../shared/errors.js';
import { reportError } from '../output.js';
import { withConnection } from '../run-action.js';

interface LogsOptions {
  service: string[];
  project?: string;
  system?: boolean;
  follow?: boolean;
  tail: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerLogs(program: Command): void {
  program
    .command('logs <board>')
    .description(
      "What the services Benchtop pushed to a board have logged, interleaved with each service's name; --follow keeps streaming",
    )
    .option('-s, --service <name>', 'only this service (repeatable)', collect, [])
    .option('--project <name>', 'only this project (default: every project pushed to the board)')
    .option('--system', 'only the system messages (supervisor, board lost and back)')
    .option('-f, --follow', 'keep streaming until Ctrl-C')
    .option('-t, --tail <lines>', 'lines of history per service', '100')
    .option('--json', 'one JSON object per line')
    .action(async (board: string, options: LogsOptions) => {
      const tail = Number(options.tail);
      if (!Number.isInteger(tail) || tail < 0) {
        reportError(
          new BenchtopError(
            'INVALID_INPUT',
            `--tail takes a number of lines, not "${options.tail}".`,
          ),
          options.json ?? false,
        );
        return;
      }
      await withConnection(options, async ({ client }) => {
        const { followLogs, readLogs } = await import('../push/show-logs.js');
        const request = {
          board,
          services: options.service,
          systemOnly: options.system ?? false,
          tail,
          json: options.json ?? false,
          ...(options.project === undefined ? {} : { project: options.project }),
        };
        if (options.follow) await followLogs(client, [request]);
        else await readLogs(client, request);
      });
    });
}
