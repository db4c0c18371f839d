// SPDX-License-Identifier: Apache-2.0
// The inventory's boards: finding one by name, and what a person changes on it. Every change
// and its history event are one transaction.
import type { Database } from 'better-sqlite3';
import type { HistoryEvent, InventoryBoard, TiedPort } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { hints } from '../../shared/error-hints.js';
import { boardsNamed, type NamedBoard } from '../../shared/inventory/board-name.js';
import { splitLabel } from '../../shared/inventory/board-filter.js';
import { BoardReader } from './board-rows.js';
import { addEvent, historyOf } from './history.js';

/** What identifies a board and what a person says about it; undefined leaves a field as is. */
export interface BoardFields {
  uuid?: string | null;
  hostname?: string | null;
  deviceType?: string | null;
  crate?: string | null;
  slot?: string | null;
  notes?: string;
  labels?: readonly string[];
  port?: TiedPort | null;
}

const now = (): string => new Date().toISOString();

/** A board's labels after removing some keys and adding labels (a key added replaces its value). */
export function mergeLabels(
  current: readonly string[],
  add: readonly string[],
  remove: readonly string[] = [],
): string[] {
  const removeKeys = new Set(remove.map((label) => splitLabel(label)[0]));
  const kept = current.filter((label) => !removeKeys.has(splitLabel(label)[0]));
  const addKeys = new Set(add.map((label) => splitLabel(label)[0]));
  return [...kept.filter((label) => !addKeys.has(splitLabel(label)[0])), ...add];
}

export class InventoryStore {
  readonly reader: BoardReader;

  constructor(readonly db: Database) {
    this.reader = new BoardReader(db);
  }

  list(): InventoryBoard[] {
    return this.reader.boards();
  }

  get(id: number): InventoryBoard {
    const [board] = this.reader.boards('WHERE id = ?', [id]);
    if (!board) throw new BenchtopError('NOT_FOUND', `No board #${id} in the inventory.`);
    return board;
  }

  /** What a board is named by, for every board. */
  keys(): NamedBoard[] {
    return this.db.prepare<[], NamedBoard>('SELECT id, uuid, hostname FROM boards').all();
  }

  /** The one board a name means; none or several is an error that lists what was found. */
  find(name: string): InventoryBoard {
    const found = boardsNamed(this.keys(), name);
    const [only] = found;
    if (found.length === 1 && only) return this.get(only.id);
    if (found.length === 0)
      throw BenchtopError.withHint(
        'NOT_FOUND',
        `No board "${name}" in the inventory (give its hostname, uuid or #id).`,
        hints.noSuchBoard,
      );
    const which = found.map((b) => `#${b.id} ${b.hostname ?? ''} ${b.uuid ?? ''}`.trim());
    throw new BenchtopError(
      'INVALID_INPUT',
      `"${name}" names ${found.length} boards: ${which.join('; ')}. Name one by its uuid or #id.`,
    );
  }

  /** Inserts a board, returning its id. */
  insert(fields: BoardFields, at: string = now()): number {
    const result = this.db
      .prepare(
        `INSERT INTO boards (uuid, hostname, device_type, crate, slot, notes, port_serial, port_path, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fields.uuid ?? null,
        fields.hostname ?? null,
        fields.deviceType ?? null,
        fields.crate ?? null,
        fields.slot ?? null,
        fields.notes ?? '',
        fields.port?.serialNumber ?? null,
        fields.port?.path ?? null,
        at,
        at,
      );
    const id = Number(result.lastInsertRowid);
    if (fields.labels) this.setLabels(id, fields.labels);
    return id;
  }

  /** Changes the given fields of a board (labels replace the board's labels). */
  update(id: number, fields: BoardFields, at: string = now()): void {
    const columns: [string, unknown][] = [];
    if (fields.uuid !== undefined) columns.push(['uuid', fields.uuid]);
    if (fields.hostname !== undefined) columns.push(['hostname', fields.hostname]);
    if (fields.deviceType !== undefined) columns.push(['device_type', fields.deviceType]);
    if (fields.crate !== undefined) columns.push(['crate', fields.crate]);
    if (fields.slot !== undefined) columns.push(['slot', fields.slot]);
    if (fields.notes !== undefined) columns.push(['notes', fields.notes]);
    if (fields.port !== undefined) {
      columns.push(['port_serial', fields.port?.serialNumber ?? null]);
      columns.push(['port_path', fields.port?.path ?? null]);
    }
    columns.push(['updated_at', at]);
    this.db
      .prepare(`UPDATE boards SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
      .run(...columns.map(([, v]) => v), id);
    if (fields.labels) this.setLabels(id, fields.labels);
  }

  label(
    name: string,
    add: readonly string[],
    remove: readonly string[],
    who?: string,
  ): InventoryBoard {
    const board = this.find(name);
    this.db.transaction(() => {
      this.update(board.id, { labels: mergeLabels(board.labels, add, remove) });
      addEvent(this.db, board.id, 'labelled', { added: add, removed: remove }, undefined, who);
    })();
    return this.get(board.id);
  }

  locate(
    name: string,
    place: {
      crate?: string | null | undefined;
      slot?: string | null | undefined;
      notes?: string | undefined;
    },
    who?: string,
  ): InventoryBoard {
    const board = this.find(name);
    const blankIsNull = (value: string | null | undefined) => (value === '' ? null : value);
    this.db.transaction(() => {
      const fields: BoardFields = {};
      if (place.crate !== undefined) fields.crate = blankIsNull(place.crate);
      if (place.slot !== undefined) fields.slot = blankIsNull(place.slot);
      if (place.notes !== undefined) fields.notes = place.notes;
      this.update(board.id, fields);
      const detail = {
        from: board.location,
        ...(fields.crate !== undefined ? { crate: fields.crate } : {}),
        ...(fields.slot !== undefined ? { slot: fields.slot } : {}),
        ...(fields.notes !== undefined ? { notes: true } : {}),
      };
      addEvent(this.db, board.id, 'located', detail, undefined, who);
    })();
    return this.get(board.id);
  }

  /** Forgets a board; its flashes, pushes and history stay, no longer linked to a board. */
  forget(name: string, who?: string): InventoryBoard {
    const board = this.find(name);
    this.db.transaction(() => {
      addEvent(this.db, null, 'forgotten', { board }, undefined, who);
      this.db.prepare('DELETE FROM boards WHERE id = ?').run(board.id);
    })();
    return board;
  }

  history(name: string, limit: number): HistoryEvent[] {
    return historyOf(this.db, this.find(name).id, limit);
  }

  meta(key: string): string | undefined {
    return this.db
      .prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?')
      .get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  private setLabels(id: number, labels: readonly string[]): void {
    this.db.prepare('DELETE FROM labels WHERE board_id = ?').run(id);
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO labels (board_id, key, value) VALUES (?, ?, ?)',
    );
    for (const label of labels) insert.run(id, ...splitLabel(label));
  }
}
