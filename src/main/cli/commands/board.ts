// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import type { FlashRecord, HistoryEvent, InventoryBoard } from '../../../shared/contract/index.js';
import { printJson, printTable } from '../output.js';
import { withConnection, type JsonOption } from '../run-action.js';
import { locationText, portText, printInventory } from './boards.js';

const when = (iso: string): string => iso.slice(0, 19).replace('T', ' ');

/** Where the board was heard over mDNS: whether it is there now, at which address, on what. */
function presenceLines(board: InventoryBoard): [string, string][] {
  const p = board.presence;
  if (p === null) return [['Seen', 'never (not heard over mDNS)']];
  return [
    ['Seen', p.online ? 'online' : 'offline'],
    ['Address', p.address ?? '-'],
    ['Interface', p.interface ?? '-'],
    ['First seen', when(p.firstSeen)],
    ['Last seen', when(p.lastSeen)],
  ];
}

function pushText(board: InventoryBoard): string {
  const push = board.lastPush;
  if (push === null) return '-';
  const services = push.services.length > 0 ? ` (${push.services.join(', ')})` : '';
  const release = push.release ? ` release ${push.release}` : '';
  return `${push.project}${release}${services} at ${when(push.at)}`;
}

/** The record as label/value lines, as `board show` prints them. */
export function recordLines(board: InventoryBoard): [string, string][] {
  const lines: [string, string][] = [
    ['Board', `#${board.id}`],
    ['Hostname', board.hostname ?? '-'],
    ['UUID', board.uuid ?? '-'],
    ['Device type', board.deviceType ?? '-'],
    ['Crate/slot', locationText(board)],
    ['Labels', board.labels.join(' ') || '-'],
    ['Port', portText(board)],
    ...presenceLines(board),
    ['Last push', pushText(board)],
  ];
  if (board.notes) lines.push(['Notes', board.notes]);
  return lines;
}

function printRecord(board: InventoryBoard, flashes: readonly FlashRecord[]): void {
  const lines = recordLines(board);
  const width = Math.max(...lines.map(([key]) => key.length));
  for (const [key, value] of lines) process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
  if (flashes.length === 0) return;
  process.stdout.write('\n');
  printTable(flashes, [
    ['FLASHED', (f) => when(f.at)],
    ['HOSTNAME', (f) => f.hostname],
    ['IMAGE', (f) => f.image ?? f.imageChecksum ?? '-'],
    ['TARGET', (f) => f.target ?? '-'],
    ['ADDRESS', (f) => f.address ?? '-'],
  ]);
}

const describeEvent = (event: HistoryEvent): string => {
  const detail = Object.entries(event.detail)
    // An exec's output spans lines: quoted, so the table keeps one row per event.
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'string' && !/[\r\n\t]/.test(value) ? value : JSON.stringify(value)}`,
    )
    .join(' ');
  return detail;
};

function printHistory(events: readonly HistoryEvent[]): void {
  printTable(events, [
    ['WHEN', (e) => e.at.slice(0, 19).replace('T', ' ')],
    ['WHAT', (e) => e.kind],
    ['WHO', (e) => e.who],
    ['DETAIL', describeEvent],
  ]);
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerBoard(program: Command): void {
  const board = program
    .command('board')
    .description('One board of the inventory: show it, label it, say where it is, its history');
  board
    .command('show')
    .description("A board's record: presence over mDNS, last push, and its flashes")
    .argument('<name>', 'hostname, uuid (or its first 7 characters) or #id')
    .option('--json', 'print JSON')
    .action((name: string, options: JsonOption) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const record = await client.call('inventory.board', { name });
        if (options.json) printJson(record);
        else printRecord(record.board, record.flashes);
      }),
    );
  board
    .command('label')
    .description('Add labels (key or key=value) to a board; --remove takes them off')
    .argument('<name>', 'hostname, uuid or #id')
    .argument('[labels...]', 'labels to add; one with a key already there replaces it')
    .option('--remove <key>', 'take a label off (repeatable)', collect, [] as string[])
    .option('--json', 'print JSON')
    .action((name: string, add: string[], options: JsonOption & { remove: string[] }) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const changed = await client.call('inventory.label', { name, add, remove: options.remove });
        if (options.json) printJson(changed);
        else printInventory([changed]);
      }),
    );
  board
    .command('locate')
    .description('Say where a board sits (an empty value clears it), and keep notes on it')
    .argument('<name>', 'hostname, uuid or #id')
    .option('--crate <crate>', 'its crate, rack or shelf')
    .option('--slot <slot>', 'its slot in the crate')
    .option('--notes <text>', 'notes on the board (replaces the earlier ones)')
    .option('--json', 'print JSON')
    .action(
      (name: string, options: JsonOption & { crate?: string; slot?: string; notes?: string }) =>
        withConnection({ ...options, attach: true }, async ({ client }) => {
          const changed = await client.call('inventory.locate', {
            name,
            ...(options.crate !== undefined ? { crate: options.crate } : {}),
            ...(options.slot !== undefined ? { slot: options.slot } : {}),
            ...(options.notes !== undefined ? { notes: options.notes } : {}),
          });
          if (options.json) printJson(changed);
          else printInventory([changed]);
        }),
    );
  board
    .command('forget')
    .description('Remove a board from the inventory (its flashes and history are kept)')
    .argument('<name>', 'hostname, uuid or #id')
    .option('--json', 'print JSON')
    .action((name: string, options: JsonOption) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const { forgotten } = await client.call('inventory.forget', { name });
        if (options.json) printJson({ forgotten });
        else
          process.stdout.write(
            `Forgot board #${forgotten.id} ${forgotten.hostname ?? forgotten.uuid ?? ''}.\n`,
          );
      }),
    );
  board
    .command('history')
    .description(
      "A board's history, newest first: flashes, pushes, ties, console sessions, execs, labels, moves",
    )
    .argument('<name>', 'hostname, uuid or #id')
    .option('--limit <n>', 'how many events at most', '100')
    .option('--json', 'print a JSON array')
    .action((name: string, options: JsonOption & { limit: string }) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const events = await client.call('inventory.history', {
          name,
          limit: Number(options.limit),
        });
        if (options.json) printJson(events);
        else if (events.length === 0) process.stdout.write('No history yet.\n');
        else printHistory(events);
      }),
    );
}
