// SPDX-License-Identifier: Apache-2.0
// The inventory: one record per board (card, uuid, mDNS presence, port, pushes, history),
// kept in SQLite in Benchtop's home. What a person adds (location, labels, notes) sits beside
// what Benchtop learnt (flashes, presence, ties), never mixed into it.
import { z } from 'zod';
import { command } from './define.js';

/** A label is `key` or `key=value` (as fleet tags and labgrid place tags are). */
export const LabelText = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[^=\s,][^\s,]*$/, 'a label: key or key=value, without spaces or commas');

export const Location = z.object({ crate: z.string().nullable(), slot: z.string().nullable() });
export type Location = z.infer<typeof Location>;

/** The adapter tied to a board: by USB serial number, or by path for anything else. */
export const TiedPort = z.object({
  serialNumber: z.string().nullable(),
  path: z.string().nullable(),
});
export type TiedPort = z.infer<typeof TiedPort>;

export const FlashRecord = z.object({
  id: z.number().int(),
  uuid: z.string(),
  hostname: z.string(),
  deviceType: z.string().nullable(),
  image: z.string().nullable(),
  imageChecksum: z.string().nullable(),
  at: z.string(),
  /** The drive written (/dev/sdb) and the reader's serial number, when known. */
  target: z.string().nullable(),
  reader: z.string().nullable(),
  address: z.string().nullable(),
  error: z.string().nullable(),
});
export type FlashRecord = z.infer<typeof FlashRecord>;

export const Presence = z.object({
  address: z.string().nullable(),
  interface: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  online: z.boolean(),
});
export type Presence = z.infer<typeof Presence>;

export const PushRecord = z.object({
  project: z.string(),
  release: z.string().nullable(),
  services: z.array(z.string()),
  at: z.string(),
});
export type PushRecord = z.infer<typeof PushRecord>;

export const InventoryBoard = z.object({
  id: z.number().int(),
  uuid: z.string().nullable(),
  hostname: z.string().nullable(),
  deviceType: z.string().nullable(),
  location: Location,
  labels: z.array(z.string()),
  notes: z.string(),
  port: TiedPort.nullable(),
  lastFlash: FlashRecord.nullable(),
  presence: Presence.nullable(),
  lastPush: PushRecord.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InventoryBoard = z.infer<typeof InventoryBoard>;

export const HISTORY_KINDS = [
  'created',
  'imported',
  'flashed',
  'pushed',
  'console',
  'exec',
  'labelled',
  'located',
  'tied',
  'forgotten',
  /** Two boards claim one identity (or one claims two records): shown, never merged. */
  'conflict',
] as const;
export const HistoryKind = z.enum(HISTORY_KINDS);
export type HistoryKind = z.infer<typeof HistoryKind>;

export const HistoryEvent = z.object({
  id: z.number().int(),
  kind: HistoryKind,
  at: z.string(),
  /**
   * Who did it: the bench user whose call it was (a named user of `benchtop serve`, or the
   * owner's OS user name); everyone who had it open, for a console session; the engine's own
   * OS user for what it noticed itself (a board heard over mDNS).
   */
  who: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const InventoryFormat = z.enum(['json', 'csv']);
export type InventoryFormat = z.infer<typeof InventoryFormat>;

/** A board as a person names it: hostname, uuid (full or its first 7 characters) or #id. */
const BoardName = z.string().trim().min(1).max(253);
const Name = z.object({ name: BoardName }).strict();

export const inventoryCommands = {
  'inventory.boards': command({
    role: 'viewer',
    description: 'The boards in the inventory, optionally filtered (e.g. "crate=A label=arm")',
    input: z.object({ filter: z.string().max(1000).default('') }).strict(),
    result: z.array(InventoryBoard),
  }),
  'inventory.board': command({
    role: 'viewer',
    description: "One board's record: identity, location, labels, port, flashes and presence",
    input: Name,
    result: z.object({ board: InventoryBoard, flashes: z.array(FlashRecord) }),
  }),
  'inventory.label': command({
    // Changes the record every user reads, not a board.
    role: 'operator',
    description: 'Add or remove labels (key or key=value) on a board',
    input: z
      .object({
        name: BoardName,
        add: z.array(LabelText).max(64).default([]),
        remove: z.array(z.string().trim().min(1).max(128)).max(64).default([]),
      })
      .strict(),
    result: InventoryBoard,
  }),
  'inventory.locate': command({
    // Changes the record every user reads, not a board.
    role: 'operator',
    description: 'Set where a board sits (crate and slot; null clears) and its notes',
    input: z
      .object({
        name: BoardName,
        crate: z.string().trim().max(64).nullable().optional(),
        slot: z.string().trim().max(64).nullable().optional(),
        notes: z.string().max(4000).optional(),
      })
      .strict(),
    result: InventoryBoard,
  }),
  'inventory.forget': command({
    // Unlinks a board's record and history from it: stricter than label/locate, as it is not undone by typing it again.
    role: 'admin',
    description: 'Remove a board from the inventory (its flashes and history are kept, unlinked)',
    input: Name,
    result: z.object({ forgotten: InventoryBoard }),
  }),
  'inventory.history': command({
    role: 'viewer',
    description: "A board's history, newest first",
    input: z
      .object({ name: BoardName, limit: z.number().int().min(1).max(10_000).default(100) })
      .strict(),
    result: z.array(HistoryEvent),
  }),
  'inventory.export': command({
    // The same records a viewer reads one by one.
    role: 'viewer',
    description: 'The whole inventory as JSON, or its boards as CSV',
    input: z.object({ format: InventoryFormat }).strict(),
    result: z.object({ format: InventoryFormat, text: z.string(), boards: z.number().int() }),
  }),
  'inventory.import': command({
    // Rewrites many records at once (all rows or none).
    role: 'admin',
    description: 'Add or update boards from an export (all rows or none)',
    input: z
      .object({
        format: InventoryFormat,
        text: z.string().max(32 * 1024 * 1024),
        /** Named in error messages: the file the text came from. */
        source: z.string().max(4096).default('the import'),
      })
      .strict(),
    result: z.object({ added: z.number().int(), updated: z.number().int() }),
  }),
};

/**
 * What changed in the inventory, sent by the engine after each write: the records as they are
 * now, and the ids of those forgotten. Faces keep their list by applying these, never by
 * asking for the whole inventory again.
 */
export const InventoryChange = z.object({
  boards: z.array(InventoryBoard),
  removed: z.array(z.number().int()),
});
export type InventoryChange = z.infer<typeof InventoryChange>;

export const inventoryEvents = {
  'inventory.changed': InventoryChange,
};
