// SPDX-License-Identifier: Apache-2.0
// `benchtop boards --filter "crate=A label=arm online"`, and the Devices pane's filter field:
// terms separated by spaces, all of which must hold. `key=value` compares one field (a `*`
// matches any characters, case is ignored); a bare word is looked for in every field. The
// parsing is one; what a key reads is a table per kind of item (a record here, a pane row in
// the renderer).
import type { InventoryBoard } from '../contract/index.js';
import { BenchtopError } from '../errors.js';
import { bareHostname } from './board-name.js';

/** A label `key=value` as its key and value (null for a bare `key`). */
export function splitLabel(label: string): [string, string | null] {
  const at = label.indexOf('=');
  return at < 0 ? [label, null] : [label.slice(0, at), label.slice(at + 1)];
}

/** The values one key compares, for one item; null is a value not known. */
export type FilterField<T> = (item: T) => readonly (string | null)[];

export interface FilterTable<T> {
  fields: Readonly<Record<string, FilterField<T>>>;
  /** 'online', 'offline' or 'unseen': what the bare words of the same name test. */
  status: (item: T) => string;
  /** What else a bare word is looked for in, beyond every field's values. */
  words?: (item: T) => readonly (string | null)[];
}

export type Predicate<T> = (item: T) => boolean;

const STATUS_WORDS = new Set(['online', 'offline', 'unseen']);
/** Other names people type for a key. */
const ALIASES: Record<string, string> = { name: 'hostname' };

function pattern(value: string): RegExp {
  const escaped = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** The filter as one predicate; an unknown key is an error listing the known ones. */
export function compileFilter<T>(text: string, table: FilterTable<T>): Predicate<T> {
  const { fields } = table;
  const terms = text.split(/\s+/).filter((t) => t !== '');
  const tests = terms.map((term): Predicate<T> => {
    const at = term.indexOf('=');
    if (at < 0) {
      const word = term.toLowerCase();
      if (STATUS_WORDS.has(word)) return (item) => table.status(item) === word;
      return (item) =>
        [...Object.values(fields).flatMap((field) => field(item)), ...(table.words?.(item) ?? [])]
          .filter((value): value is string => value !== null)
          .some((value) => value.toLowerCase().includes(word));
    }
    const key = term.slice(0, at).toLowerCase();
    const field = fields[ALIASES[key] ?? key];
    if (!field)
      throw new BenchtopError(
        'INVALID_INPUT',
        `The filter "${term}" has an unknown key; use ${Object.keys(fields).join(', ')} (key=value), or a bare word.`,
      );
    const match = pattern(term.slice(at + 1));
    return (item) => field(item).some((value) => value !== null && match.test(value));
  });
  return (item) => tests.every((test) => test(item));
}

export const recordStatus = (b: InventoryBoard): string =>
  b.presence === null ? 'unseen' : b.presence.online ? 'online' : 'offline';

/** What each key reads of an inventory record. */
export const recordFields = {
  hostname: (b) => [b.hostname, b.hostname === null ? null : bareHostname(b.hostname)],
  uuid: (b) => [b.uuid],
  type: (b) => [b.deviceType],
  crate: (b) => [b.location.crate],
  slot: (b) => [b.location.slot],
  label: (b) => b.labels.flatMap((l) => [l, splitLabel(l)[0]]),
  port: (b) => [b.port?.serialNumber ?? null, b.port?.path ?? null],
  status: (b) => [recordStatus(b)],
  seen: (b) => [b.presence?.lastSeen ?? null],
  image: (b) => [b.lastFlash?.image ?? null],
  flashed: (b) => [b.lastFlash?.at ?? null],
  project: (b) => [b.lastPush?.project ?? null],
  pushed: (b) => [b.lastPush?.at ?? null],
} satisfies Record<string, FilterField<InventoryBoard>>;

/** The inventory's own filter (the CLI's `--filter`, `inventory.boards`). */
export const parseFilter = (text: string): Predicate<InventoryBoard> =>
  compileFilter(text, {
    fields: recordFields,
    status: recordStatus,
    words: (b) => [b.notes],
  });
