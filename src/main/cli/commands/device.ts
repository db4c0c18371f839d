// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import type { BoardDetail } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';
import { printJson, printTable } from '../output.js';
import { withConnection, type JsonOption } from '../run-action.js';
import { boardJson, printBoards } from './devices.js';

function printDetail(detail: BoardDetail): void {
  const { board } = detail;
  const engine = board.engine;
  const lines: [string, string][] = [
    ['Name', board.name],
    ['Host name', board.hostname ?? '-'],
    ['Address', board.address ?? 'does not resolve'],
    ['Interface', board.interface ?? '-'],
    [
      'Found by',
      board.source === 'mdns'
        ? 'mDNS'
        : board.source === 'manual'
          ? 'added by hand'
          : 'address given',
    ],
    [
      'Engine',
      engine
        ? `${engine.version} (API ${engine.apiVersion}, ${engine.os}/${engine.arch})`
        : `unreachable${board.engineError ? `: ${board.engineError}` : ''}`,
    ],
  ];
  if (engine?.containers) {
    const c = engine.containers;
    lines.push(['Containers', `${c.running} running, ${c.paused} paused, ${c.stopped} stopped`]);
  }
  if (engine?.images !== undefined) lines.push(['Images', String(engine.images)]);
  if (engine?.storageDriver) lines.push(['Storage', engine.storageDriver]);
  if (engine?.memTotal !== undefined) lines.push(['Memory', formatBytes(engine.memTotal)]);
  if (engine?.cpus !== undefined) lines.push(['CPUs', String(engine.cpus)]);
  lines.push(
    [
      'Supervisor',
      board.supervisor.state === 'up'
        ? `up${board.supervisor.deviceType ? ` (${board.supervisor.deviceType}, ${board.supervisor.arch ?? '?'})` : ''}`
        : `unreachable${board.supervisor.error ? `: ${board.supervisor.error}` : ''}`,
    ],
    [
      'SSH',
      board.ssh.state === 'up'
        ? `open on ${board.sshPort}${board.ssh.banner ? ` (${board.ssh.banner})` : ''}`
        : `closed${board.ssh.error ? `: ${board.ssh.error}` : ''}`,
    ],
    ['Connect', detail.sshCommand],
  );
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [key, value] of lines) process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
  if (detail.containers.length > 0) {
    process.stdout.write('\n');
    printTable(detail.containers, [
      ['CONTAINER', (c) => c.name],
      ['IMAGE', (c) => c.image],
      ['STATE', (c) => c.state],
      ['STATUS', (c) => c.status],
      ['PORTS', (c) => c.ports.join(', ')],
    ]);
  }
  if (detail.images.length > 0) {
    process.stdout.write('\n');
    printTable(detail.images, [
      ['IMAGE', (i) => i.tags.join(', ') || '<none>'],
      ['ID', (i) => i.id],
      ['SIZE', (i) => formatBytes(i.size)],
    ]);
  }
}

export function registerDevice(program: Command): void {
  const device = program
    .command('device')
    .description('One board: details, add/remove it by hand, or forget one that left');
  device
    .command('info')
    .description('Probe a board and show its engine, containers, images, supervisor and ssh')
    .argument('<address>', 'IP address, host name, or the name of a listed board')
    .option('--json', 'print JSON')
    .action((address: string, options: JsonOption) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const detail = await client.call('devices.info', { address });
        if (options.json)
          printJson({
            ...detail,
            board: { ...boardJson(detail.board), engineInfo: detail.board.engine },
          });
        else printDetail(detail);
      }),
    );
  device
    .command('add')
    .description(
      'Add a board by address or host name (kept for next time; for networks without mDNS)',
    )
    .argument('<address>', 'IP address or host name')
    .option('--json', 'print JSON')
    .action((address: string, options: JsonOption) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const board = await client.call('devices.add', { address });
        if (options.json) printJson(boardJson(board));
        else printBoards([board]);
      }),
    );
  device
    .command('remove')
    .description('Remove a hand-added board from the saved list')
    .argument('<address>', 'the address or host name it was added with')
    .option('--json', 'print JSON')
    .action((address: string, options: JsonOption) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const { removed } = await client.call('devices.remove', { address });
        if (options.json) printJson({ removed: boardJson(removed) });
        else process.stdout.write(`Removed ${removed.name}.\n`);
      }),
    );
  device
    .command('forget')
    .description('Forget a board that left the network (listed as left since), in `benchtop serve`')
    .argument('<name>', 'its name, host name or last address')
    .option('--json', 'print JSON')
    .action((name: string, options: JsonOption) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const { forgotten } = await client.call('devices.forget', { address: name });
        if (options.json) printJson({ forgotten: boardJson(forgotten) });
        else process.stdout.write(`Forgot ${forgotten.name}.\n`);
      }),
    );
}
