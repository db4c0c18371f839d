// SPDX-License-Identifier: Apache-2.0
// The whole inventory as one JSON document: every board with its flashes, pushes and history,
// so an export is a backup. Local ids are left out: they mean nothing in another database.
import { z } from 'zod';
import {
  FlashRecord,
  HistoryEvent,
  LabelText,
  Location,
  PushRecord,
  TiedPort,
  type InventoryBoard,
} from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { formatZodError } from '../../shared/format-zod-error.js';
import type { ImportRow } from './import-rows.js';

// The export's records are the contract's, without the database's row ids.
const Flash = FlashRecord.omit({ id: true });
const Event = HistoryEvent.omit({ id: true });

const ExportedBoard = z
  .object({
    uuid: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/i, 'hex digits')
      .nullable(),
    hostname: z.string().min(1).max(253).nullable(),
    deviceType: z.string().nullable(),
    location: Location,
    labels: z.array(LabelText),
    notes: z.string(),
    port: TiedPort.nullable(),
    createdAt: z.string(),
    flashes: z.array(Flash).default([]),
    pushes: z.array(PushRecord).default([]),
    history: z.array(Event).default([]),
  })
  .refine((b) => b.uuid !== null || b.hostname !== null, 'a board needs a uuid or a hostname');

export const InventoryExport = z.object({
  benchtop: z.literal('inventory'),
  version: z.literal(1),
  exportedAt: z.string(),
  boards: z.array(ExportedBoard),
  /** Flashes of failed cards, and what forgotten boards left: kept, as nothing is dropped. */
  unlinked: z
    .object({ flashes: z.array(Flash), history: z.array(Event) })
    .default({ flashes: [], history: [] }),
});
export type InventoryExport = z.infer<typeof InventoryExport>;
export type ExportedBoard = z.infer<typeof ExportedBoard>;

export interface BoardExtras {
  flashes: ExportedBoard['flashes'];
  pushes: ExportedBoard['pushes'];
  history: Omit<HistoryEvent, 'id'>[];
}

export function exportedBoard(board: InventoryBoard, extras: BoardExtras): ExportedBoard {
  return {
    uuid: board.uuid,
    hostname: board.hostname,
    deviceType: board.deviceType,
    location: board.location,
    labels: board.labels,
    notes: board.notes,
    port: board.port,
    createdAt: board.createdAt,
    ...extras,
  };
}

export type Unlinked = InventoryExport['unlinked'];

export function boardsFromJson(
  text: string,
  source: string,
): { rows: ImportRow[]; unlinked: Unlinked } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BenchtopError('INVALID_INPUT', `${source} is not JSON: ${(error as Error).message}.`);
  }
  const parsed = InventoryExport.safeParse(value);
  if (!parsed.success)
    throw new BenchtopError(
      'INVALID_INPUT',
      `${source} is not a Benchtop inventory export: ${formatZodError(parsed.error)}.`,
    );
  const rows = parsed.data.boards.map((board, index) => ({
    where: `${source}, boards[${index}]`,
    uuidAt: `${source}, boards[${index}].uuid`,
    hostnameAt: `${source}, boards[${index}].hostname`,
    createdAt: board.createdAt,
    fields: {
      uuid: board.uuid?.toLowerCase() ?? null,
      hostname: board.hostname,
      deviceType: board.deviceType,
      crate: board.location.crate,
      slot: board.location.slot,
      labels: board.labels,
      notes: board.notes,
      port: board.port,
    },
    flashes: board.flashes,
    pushes: board.pushes,
    history: board.history,
  }));
  return { rows, unlinked: parsed.data.unlinked };
}
