// SPDX-License-Identifier: Apache-2.0
// `benchtop boards --filter "crate=A label=arm online"`: terms separated by spaces, all of
// which must hold. `key=value` compares one field (a `*` matches any characters, case is
// ignored); a bare word is looked for in every field.
import type { InventoryBoard } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { bareHostname } from './board-name.js';
import { splitLabel } from './inventory-store.js';

type Field = (board: InventoryBoard) => (string | null)[];

const status = (b: InventoryBoard): string =>
  b.presence === null ? 'unseen' : b.presence.online ? 'online' : 'offline';

const FIELDS: Record<string, Field> = {
  hostname: (b) => [b.hostname, b.hostname === null ? null : bareHostname(b.hostname)],
  uuid: (b) => [b.uuid],
  type: (b) => [b.deviceType],
  crate: (b) => [b.location.crate],
  slot: (b) => [b.location.slot],
  label: (b) => b.labels.flatMap((l) => [l, splitLabel(l)[0]]),
  port: (b) => [b.port?.serialNumber ?? null, b.port?.path ?? null],
  status: (b) => [status(b)],
};
const WORDS = new Set(['online', 'offline', 'unseen']);

function pattern(value: string): RegExp {
  const escaped = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

export type BoardPredicate = (board: InventoryBoard) => boolean;

/** The filter as one predicate; an unknown key is an error listing the known ones. */
export function parseFilter(text: string): BoardPredicate {
  const terms = text.split(/\s+/).filter((t) => t !== '');
  const tests = terms.map((term): BoardPredicate => {
    const at = term.indexOf('=');
    if (at < 0) {
      if (WORDS.has(term.toLowerCase())) return (b) => status(b) === term.toLowerCase();
      const word = term.toLowerCase();
      return (b) =>
        [...Object.values(FIELDS).flatMap((field) => field(b)), b.notes].some(
          (value) => value !== null && value.toLowerCase().includes(word),
        );
    }
    const key = term.slice(0, at).toLowerCase();
    const field = FIELDS[key === 'name' ? 'hostname' : key];
    if (!field)
      throw new BenchtopError(
        'INVALID_INPUT',
        `The filter "${term}" has an unknown key; use ${Object.keys(FIELDS).join(', ')} (key=value), or a bare word.`,
      );
    const match = pattern(term.slice(at + 1));
    return (b) => field(b).some((value) => value !== null && match.test(value));
  });
  return (board) => tests.every((test) => test(board));
}
