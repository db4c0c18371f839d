// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import type { ContractClient } from '../../../shared/client.js';
import type { Board, DeviceChange } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/errors.js';
import { hints } from '../../../shared/error-hints.js';
import { compareAddresses } from '../../../shared/boards.js';
import { printJson, printTable } from '../output.js';
import { withConnection } from '../run-action.js';

interface DevicesOptions {
  timeout: string;
  interface: string[];
  watch?: boolean;
  json?: boolean;
}

/** After browsing, how long to wait at most for the probes of what was found. */
const PROBE_GRACE_MS = 4000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The record scripts get: the issue's fields first, the rest after. */
export function boardJson(board: Board) {
  return {
    name: board.name,
    hostname: board.hostname,
    address: board.address,
    interface: board.interface,
    engine: board.engine
      ? {
          version: board.engine.version,
          apiVersion: board.engine.apiVersion,
          os: board.engine.os,
          arch: board.engine.arch,
        }
      : null,
    supervisor: board.supervisor.state,
    ...(board.supervisor.deviceType ? { deviceType: board.supervisor.deviceType } : {}),
    ssh: board.ssh.state,
    id: board.id,
    source: board.source,
    sshPort: board.sshPort,
    engineState: board.engineState,
    ...(board.engineError ? { engineError: board.engineError } : {}),
    ...(board.engine ? { engineInfo: board.engine } : {}),
    lastSeen: board.lastSeen,
    ...(board.left ? { left: board.left } : {}),
  };
}

const byInterfaceThenAddress = (a: Board, b: Board): number =>
  (a.interface ?? '~').localeCompare(b.interface ?? '~', 'en', { numeric: true }) ||
  compareAddresses(a.address, b.address) ||
  a.name.localeCompare(b.name);

export function printBoards(boards: Board[]): void {
  printTable(boards, [
    ['NAME', (b) => b.name],
    ['ADDRESS', (b) => b.address ?? '-'],
    ['INTERFACE', (b) => b.interface ?? (b.source === 'manual' ? '(added)' : '-')],
    [
      'ENGINE',
      (b) => (b.engine ? b.engine.version : b.engineState === 'pending' ? '…' : 'unreachable'),
    ],
    ['ARCH', (b) => b.engine?.arch ?? '-'],
    [
      'SUPERVISOR',
      (b) =>
        b.supervisor.state === 'up' ? 'up' : b.supervisor.state === 'down' ? 'unreachable' : '…',
    ],
    [
      'SSH',
      (b) =>
        b.ssh.state === 'up' ? `open :${b.sshPort}` : b.ssh.state === 'down' ? 'closed' : '…',
    ],
    ['SEEN', (b) => (b.left ? `left, last ${b.lastSeen.slice(0, 19).replace('T', ' ')}` : 'now')],
  ]);
}

function describeChange(change: DeviceChange): string | undefined {
  const b = change.board;
  const where = `${b.name} ${b.address ?? b.hostname ?? ''}${b.interface ? ` on ${b.interface}` : ''}`;
  if (change.kind === 'appeared') return `+ ${where}`;
  if (change.kind === 'disappeared') return `- ${where} (${change.reason ?? 'gone'})`;
  if (change.kind === 'left') return `- ${where} (${change.reason ?? 'gone'}; listed as left)`;
  if (b.engineState === 'pending') return undefined;
  const engine = b.engine ? `engine ${b.engine.version} ${b.engine.arch}` : 'engine unreachable';
  return `~ ${where}: ${engine}, ssh ${b.ssh.state === 'up' ? 'open' : b.ssh.state}`;
}

/** Prints each change from now on; returns how to stop. */
function printChanges(client: ContractClient, json: boolean): () => void {
  const shown = new Map<string, string>();
  return client.on('devices.changed', (change) => {
    if (json) {
      printJson({
        event: change.kind,
        ...(change.reason ? { reason: change.reason } : {}),
        board: boardJson(change.board),
      });
      return;
    }
    const line = describeChange(change);
    // Probe rounds repeat: print a board's state only when it reads differently.
    if (line === undefined || shown.get(change.board.id) === line) return;
    if (change.kind === 'disappeared') shown.delete(change.board.id);
    else shown.set(change.board.id, line);
    process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  });
}

const untilSignal = (): Promise<void> =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

export function registerDevices(program: Command): void {
  program
    .command('devices')
    .description('Find the boards on the bench (mDNS), probe them and list them')
    .option('--timeout <seconds>', 'how long to browse before listing', '3')
    .option(
      '--interface <name>',
      'browse only this interface (repeatable; * is a wildcard, e.g. "btv*")',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--watch', 'keep running and print boards appearing and leaving')
    .option('--json', 'print a JSON array (with --watch: one JSON object per line)')
    .action((options: DevicesOptions) =>
      withConnection(options, async ({ client }) => {
        const seconds = Number(options.timeout);
        if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) {
          throw new BenchtopError(
            'INVALID_INPUT',
            `--timeout must be 0 to 3600 seconds, not "${options.timeout}".`,
          );
        }
        // Listening before browsing starts: a bench answers within milliseconds of the first
        // query, and each board is printed as its advert arrives (probe results follow as `~`).
        const stopWatching = options.watch
          ? printChanges(client, options.json ?? false)
          : undefined;
        const status = await client
          .call('devices.browse', { enabled: true, interfaces: options.interface })
          .catch((error: unknown) => {
            stopWatching?.();
            throw error;
          });
        if (status.active.length === 0) {
          const named = options.interface.join(', ');
          const here = status.available.join(', ') || 'none';
          // A one-off listing cannot wait for an interface to come up: a typo is an error.
          if (!stopWatching && options.interface.length > 0)
            throw BenchtopError.withHint(
              'NOT_FOUND',
              `No interface matches ${named}: the multicast interfaces here are ${here}. Nothing was browsed.`,
              hints.noInterface,
            );
          process.stderr.write(
            `benchtop: no interface to browse on${named ? ` matches ${named} (here: ${here})` : ''}; waiting for one to come up.\n`,
          );
        }
        if (stopWatching) {
          if (!options.json) {
            process.stderr.write(
              `Watching ${status.active.map((i) => i.name).join(', ') || '(no interface yet)'}; Ctrl-C to stop.\n`,
            );
          }
          await untilSignal();
          // Shutting down drops every board: that is not news for the person watching.
          stopWatching();
          return;
        }
        await sleep(seconds * 1000);
        const deadline = Date.now() + PROBE_GRACE_MS;
        let boards = await client.call('devices.list', {});
        while (
          Date.now() < deadline &&
          boards.some((b) => b.address !== null && b.engineState === 'pending')
        ) {
          await sleep(100);
          boards = await client.call('devices.list', {});
        }
        boards.sort(byInterfaceThenAddress);
        if (options.json) printJson(boards.map(boardJson));
        else if (boards.length === 0) {
          process.stdout.write(
            `No boards found in ${seconds} s on ${status.active.map((i) => i.name).join(', ') || 'any interface'}.\n` +
              'Check that they are powered and on this network, try a longer --timeout, or add one by hand: benchtop device add ADDRESS\n',
          );
        } else printBoards(boards);
      }),
    );
}
