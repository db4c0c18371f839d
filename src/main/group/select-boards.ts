// SPDX-License-Identifier: Apache-2.0
// Which boards a group action acts on: the inventory's boards matching the filter, and the
// names given by hand, each once, in that order.
import type { InventoryBoard } from '../../shared/contract/index.js';
import { recordName } from '../../shared/inventory/board-name.js';
import { BenchtopError } from '../../shared/errors.js';

export interface GroupMember {
  /** How the board is named to the command run on it (hostname, else short uuid, else as given). */
  readonly name: string;
  /** The serial port tied to it, when the inventory knows one. */
  readonly portPath?: string;
}

function memberOf(board: InventoryBoard): GroupMember | undefined {
  const name = recordName(board);
  if (name === undefined) return undefined;
  const portPath = board.port?.path ?? undefined;
  return portPath === undefined ? { name } : { name, portPath };
}

/**
 * `matched`: the filter's boards; `named`: each name given by hand, as its inventory record when
 * it has one (its tied port comes with it), else as typed.
 */
export function selectMembers(
  filter: string | undefined,
  matched: readonly InventoryBoard[],
  named: readonly (InventoryBoard | string)[],
): GroupMember[] {
  const members = new Map<string, GroupMember>();
  const add = (member: GroupMember | undefined) => {
    const key = member?.name.toLowerCase();
    if (member && key !== undefined && !members.has(key)) members.set(key, member);
  };
  for (const board of matched) add(memberOf(board));
  for (const entry of named) add(typeof entry === 'string' ? { name: entry } : memberOf(entry));
  if (members.size === 0) {
    throw new BenchtopError(
      'NOT_FOUND',
      `No board matches "${filter ?? ''}": see \`benchtop boards\` for what the inventory holds and how to filter it.`,
    );
  }
  return [...members.values()];
}
