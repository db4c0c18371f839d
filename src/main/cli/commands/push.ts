// SPDX-License-Identifier: Apache-2.0
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ContractClient } from '../../../shared/client.js';
import { BenchtopError } from '../../../shared/errors.js';
import { addSelectionOptions, selectionOf } from '../group/group-options.js';
import { withConnection } from '../run-action.js';

interface PushFlags {
  source: string;
  service: string[];
  env: string[];
  buildArg: string[];
  nocache?: boolean;
  multiDockerignore?: boolean;
  deviceType?: string;
  nolive?: boolean;
  detached?: boolean;
  json?: boolean;
  boards?: string;
  board: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const selects = (flags: PushFlags): boolean => flags.boards !== undefined || flags.board.length > 0;

/** Boards named as arguments, then those a selection (--boards, --board) resolves to, each once. */
async function pushBoards(
  client: ContractClient,
  named: string[],
  flags: PushFlags,
): Promise<string[]> {
  if (!selects(flags)) {
    if (named.length > 0) return named;
    throw new BenchtopError(
      'INVALID_INPUT',
      'Name the boards to push to: as arguments (`benchtop push board0 board1`) or by an inventory filter (`benchtop push --boards "crate=2"`).',
    );
  }
  const { names } = await client.call('group.select', { boards: selectionOf(flags) });
  const all = new Map([...named, ...names].map((name) => [name.toLowerCase(), name]));
  return [...all.values()];
}

export function registerPush(program: Command): void {
  addSelectionOptions(program.command('push [boards...]'))
    .description(
      "Build a project (docker-compose.yml or a Dockerfile[.template]) on each board's own engine and run it there, then follow its logs",
    )
    .option('--source <dir>', 'the project folder', '.')
    .option(
      '-s, --service <name>',
      'only these services’ logs after the push (repeatable)',
      collect,
      [],
    )
    .option('-e, --env <[service:]key=value>', 'container environment (repeatable)', collect, [])
    .option('-B, --build-arg <[service:]key=value>', 'build argument (repeatable)', collect, [])
    .option('--nocache', 'build every step again, without the engine’s layer cache')
    .option('--multi-dockerignore', 'each service’s own .dockerignore filters its context')
    .option('--device-type <slug>', 'device type of boards that do not say theirs (plain engines)')
    .option('--nolive', 'no live sync after the push: only follow the logs')
    .option('-d, --detached', 'return once the release runs, without following logs')
    .option('--json', 'JSON lines: summary, output, job updates, result, then log lines')
    .addHelpText(
      'after',
      '\nBoards by name, or by an inventory filter (--boards "label=arch=aarch64"): the project is built once per architecture and device type, then run on each.\nWithout --detached, push stays in the foreground until Ctrl-C or SIGTERM: it syncs each saved change to the board (live sync; not with --nolive) and follows the logs.',
    )
    .action((named: string[], flags: PushFlags) =>
      // Boards chosen through the inventory are named as a running app or `benchtop serve`
      // found them: push through it when one runs.
      withConnection({ json: flags.json ?? false, attach: selects(flags) }, async ({ client }) => {
        const { runPushCommand } = await import('../push/run-push.js');
        const boards = await pushBoards(client, named, flags);
        await runPushCommand(client, {
          boards,
          source: resolve(flags.source),
          services: flags.service,
          env: flags.env,
          buildArgs: flags.buildArg,
          nocache: flags.nocache ?? false,
          multiDockerignore: flags.multiDockerignore ?? false,
          live: !(flags.nolive ?? false),
          detached: flags.detached ?? false,
          json: flags.json ?? false,
          ...(flags.deviceType === undefined ? {} : { deviceType: flags.deviceType }),
        });
      }),
    );
}
