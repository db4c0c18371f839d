// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import type { InventoryBoard } from '../../../shared/contract/index.js';
import { printJson, printTable } from '../output.js';
import { withConnection, type JsonOption } from '../run-action.js';

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

export function seenText(board: InventoryBoard): string {
  const p = board.presence;
  if (p === null) return 'never';
  return p.online ? `online ${p.address ?? ''}`.trim() : `last ${when(p.lastSeen)}`;
}

export const locationText = (board: InventoryBoard): string =>
  board.location.crate === null && board.location.slot === null
    ? '-'
    : `${board.location.crate ?? '?'}/${board.location.slot ?? '?'}`;

export const portText = (board: InventoryBoard): string =>
  board.port === null ? '-' : (board.port.serialNumber ?? board.port.path ?? '-');

export function printInventory(boards: readonly InventoryBoard[]): void {
  printTable(boards, [
    ['HOSTNAME', (b) => b.hostname ?? '-'],
    ['UUID', (b) => b.uuid?.slice(0, 7) ?? '-'],
    ['TYPE', (b) => b.deviceType ?? '-'],
    ['CRATE/SLOT', locationText],
    ['LABELS', (b) => b.labels.join(' ') || '-'],
    ['PORT', portText],
    ['FLASHED', (b) => (b.lastFlash ? when(b.lastFlash.at) : '-')],
    ['SEEN', seenText],
  ]);
}

export function registerBoards(program: Command): void {
  program
    .command('boards')
    .description('The inventory: every board Benchtop has flashed, found or been told about')
    .option(
      '--filter <terms>',
      'only boards matching every term: key=value (hostname, uuid, type, crate, slot, label, port, status; * wildcard) or a word',
      '',
    )
    .option('--json', 'print a JSON array of the records')
    .action((options: JsonOption & { filter: string }) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const boards = await client.call('inventory.boards', { filter: options.filter });
        if (options.json) printJson(boards);
        else if (boards.length === 0)
          process.stdout.write(
            options.filter
              ? `No board in the inventory matches "${options.filter}".\n`
              : 'The inventory is empty: flash a card, or import a table with `benchtop inventory import FILE`.\n',
          );
        else printInventory(boards);
      }),
    );
}
