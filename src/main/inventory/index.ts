// SPDX-License-Identifier: Apache-2.0
// The inventory service: the contract's inventory.* commands over the SQLite store. The file
// opens on the first command (and takes in the files Benchtop kept before, once), so a run of
// the CLI that never asks pays nothing for it.
import type { Database } from 'better-sqlite3';
import type {
  ConsoleExecuted,
  DeviceChange,
  EventPayload,
  FlashResult,
  GroupResult,
  inventoryCommands,
  PortTieChange,
  PushResult,
} from '../../shared/contract/index.js';
import type { EventBus } from '../contract/event-bus.js';
import type { Service } from '../contract/service.js';
import { benchtopHome } from '../settings/paths.js';
import { parseFilter } from '../../shared/inventory/board-filter.js';
import { watchChanges, type ChangeLog } from './change-log.js';
import { databaseError } from './database-errors.js';
import { importLegacyOnce } from './import-legacy.js';
import { InventoryStore } from './inventory-store.js';
import { inventoryPath, openDatabase } from './open-database.js';
import type { EndedSession } from './console-watch.js';
import { watchOutsideWrites } from './outside-writes.js';
import { readLegacy } from './read-legacy.js';
import { recordGroupRun, recordServiceChange } from './record-group.js';
import { recordConsoleSession, recordExec, recordTie } from './record-serial.js';
import { PresenceRecorder, recordFlashRun, recordPushRun } from './record-events.js';
import { exportInventory, importInventory } from './transfer.js';

export interface InventoryOptions {
  /** Benchtop's home (where inventory.db and the files taken in on first start are). */
  home?: string;
  /** Where `inventory.changed` goes after each write; none in a face that never listens. */
  bus?: EventBus;
}

/** What the engine's event recorder hands over; each rejects with the bench's words. */
export interface InventoryRecording {
  /** `who` started the job (a user of the bench); the process's user when not known. */
  flashRun(result: FlashResult, who?: string): Promise<void>;
  pushRun(result: PushResult, at: string, who?: string): Promise<void>;
  groupRun(jobId: string, result: GroupResult, at: string, who?: string): Promise<void>;
  deviceChange(change: DeviceChange): Promise<void>;
  portTied(change: PortTieChange): Promise<void>;
  consoleSession(session: EndedSession): Promise<void>;
  consoleExec(exec: ConsoleExecuted): Promise<void>;
  serviceChange(change: EventPayload<'board.serviceChanged'>): Promise<void>;
}

export type InventoryService = Service<keyof typeof inventoryCommands> & {
  readonly record: InventoryRecording;
};

export function createInventoryService(options: InventoryOptions = {}): InventoryService {
  const home = options.home ?? benchtopHome();
  const path = inventoryPath(home);
  let opening: Promise<InventoryStore> | undefined;
  let db: Database | undefined;
  let changes: ChangeLog | undefined;
  let stopWatching: (() => void) | undefined;
  /** The records the faces were last told of, so those gone from the file can be named. */
  let known = new Set<number>();
  const store = (): Promise<InventoryStore> =>
    (opening ??= (async () => {
      db = openDatabase(path);
      changes = watchChanges(db);
      const opened = new InventoryStore(db);
      await importLegacyOnce(opened, () => readLegacy(home));
      // What was there at opening is in the first list any face asks for: not a change.
      changes.take();
      known = new Set(opened.list().map((b) => b.id));
      if (options.bus)
        stopWatching = watchOutsideWrites(db, () => {
          // Boards heard now may belong to records another process just wrote (an import).
          try {
            presence.rejoin(opened);
          } catch {
            // Joined at the board's next change instead, if the file is busy now.
          }
          announceAll(opened);
        });
      return opened;
    })().catch((error: unknown) => {
      // A locked file may be free on the next command: do not keep the failure.
      opening = undefined;
      db?.close();
      db = undefined;
      changes = undefined;
      throw error;
    }));
  /** Sends the records a write touched as they are now, and the ids of those gone. */
  const announce = (opened: InventoryStore): void => {
    const bus = options.bus;
    const touched = changes?.take() ?? [];
    if (!bus || touched.length === 0) return;
    const boards = opened.reader.boards(
      `WHERE id IN (${touched.map(() => '?').join(',')})`,
      touched,
    );
    const present = new Set(boards.map((b) => b.id));
    const removed = touched.filter((id) => !present.has(id));
    for (const id of present) known.add(id);
    for (const id of removed) known.delete(id);
    bus.emit('inventory.changed', { boards, removed });
  };
  /** After another process wrote: which boards it touched is not known, so every one is sent. */
  const announceAll = (opened: InventoryStore): void => {
    changes?.take();
    const boards = opened.list();
    const present = new Set(boards.map((b) => b.id));
    const removed = [...known].filter((id) => !present.has(id));
    known = present;
    options.bus?.emit('inventory.changed', { boards, removed });
  };
  /**
   * Runs a command on the store, turning SQLite's failures into the bench's words, then tells
   * the faces what it changed (a failed write may have changed some of it before it stopped).
   */
  const use = async <T>(work: (s: InventoryStore) => T): Promise<T> => {
    const opened = await store();
    try {
      return work(opened);
    } catch (error) {
      throw databaseError(error, path);
    } finally {
      try {
        announce(opened);
      } catch {
        // The command's own answer (or error) says more than a failed re-read would.
      }
    }
  };
  const presence = new PresenceRecorder();
  return {
    record: {
      flashRun: (result, who) =>
        use((s) => {
          recordFlashRun(s, result, who);
          presence.rejoin(s);
        }),
      pushRun: (result, at, who) => use((s) => recordPushRun(s, result, at, who)),
      groupRun: (jobId, result, at, who) => use((s) => recordGroupRun(s, jobId, result, at, who)),
      deviceChange: (change) => use((s) => void presence.change(s, change)),
      portTied: (change) => use((s) => recordTie(s, change)),
      consoleSession: (session) => use((s) => recordConsoleSession(s, session)),
      consoleExec: (exec) => use((s) => recordExec(s, exec)),
      serviceChange: (change) => use((s) => recordServiceChange(s, change)),
    },
    handlers: {
      'inventory.boards': ({ filter }) => use((s) => s.list().filter(parseFilter(filter))),
      'inventory.board': ({ name }) =>
        use((s) => {
          const board = s.find(name);
          return { board, flashes: s.reader.flashesOf(board.id) };
        }),
      'inventory.label': ({ name, add, remove }, { caller }) =>
        use((s) => s.label(name, add, remove, caller.user)),
      'inventory.locate': ({ name, crate, slot, notes }, { caller }) =>
        use((s) => s.locate(name, { crate, slot, notes }, caller.user)),
      'inventory.forget': ({ name }, { caller }) =>
        use((s) => ({ forgotten: s.forget(name, caller.user) })),
      'inventory.history': ({ name, limit }) => use((s) => s.history(name, limit)),
      'inventory.export': ({ format }) => use((s) => ({ format, ...exportInventory(s, format) })),
      'inventory.import': ({ format, text, source }, { caller }) =>
        use((s) => {
          const imported = importInventory(s, format, text, source, caller.user);
          presence.rejoin(s);
          return imported;
        }),
    },
    async dispose() {
      stopWatching?.();
      stopWatching = undefined;
      db?.close();
      db = undefined;
      changes = undefined;
      opening = undefined;
    },
  };
}
