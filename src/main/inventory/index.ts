// SPDX-License-Identifier: Apache-2.0
// The inventory service: the contract's inventory.* commands over the SQLite store. The file
// opens on the first command (and takes in the files Benchtop kept before, once), so a run of
// the CLI that never asks pays nothing for it.
import type { Database } from 'better-sqlite3';
import type {
  ConsoleExecuted,
  DeviceChange,
  FlashResult,
  inventoryCommands,
  PortTieChange,
  PushResult,
} from '../../shared/contract/index.js';
import type { Service } from '../contract/service.js';
import { benchtopHome } from '../settings/paths.js';
import { parseFilter } from './board-filter.js';
import { databaseError } from './database-errors.js';
import { importLegacyOnce } from './import-legacy.js';
import { InventoryStore } from './inventory-store.js';
import { inventoryPath, openDatabase } from './open-database.js';
import type { EndedSession } from './console-watch.js';
import { readLegacy } from './read-legacy.js';
import { recordConsoleSession, recordExec, recordTie } from './record-serial.js';
import { PresenceRecorder, recordFlashRun, recordPushRun } from './record-events.js';
import { exportInventory, importInventory } from './transfer.js';

export interface InventoryOptions {
  /** Benchtop's home (where inventory.db and the files taken in on first start are). */
  home?: string;
}

/** What the engine's event recorder hands over; each rejects with the bench's words. */
export interface InventoryRecording {
  flashRun(result: FlashResult): Promise<void>;
  pushRun(result: PushResult, at: string): Promise<void>;
  deviceChange(change: DeviceChange): Promise<void>;
  portTied(change: PortTieChange): Promise<void>;
  consoleSession(session: EndedSession): Promise<void>;
  consoleExec(exec: ConsoleExecuted): Promise<void>;
}

export type InventoryService = Service<keyof typeof inventoryCommands> & {
  readonly record: InventoryRecording;
};

export function createInventoryService(options: InventoryOptions = {}): InventoryService {
  const home = options.home ?? benchtopHome();
  const path = inventoryPath(home);
  let opening: Promise<InventoryStore> | undefined;
  let db: Database | undefined;
  const store = (): Promise<InventoryStore> =>
    (opening ??= (async () => {
      db = openDatabase(path);
      const opened = new InventoryStore(db);
      await importLegacyOnce(opened, () => readLegacy(home));
      return opened;
    })().catch((error: unknown) => {
      // A locked file may be free on the next command: do not keep the failure.
      opening = undefined;
      db?.close();
      db = undefined;
      throw error;
    }));
  /** Runs a command on the store, turning SQLite's failures into the bench's words. */
  const use = async <T>(work: (s: InventoryStore) => T): Promise<T> => {
    const opened = await store();
    try {
      return work(opened);
    } catch (error) {
      throw databaseError(error, path);
    }
  };
  const presence = new PresenceRecorder();
  return {
    record: {
      flashRun: (result) => use((s) => void recordFlashRun(s, result)),
      pushRun: (result, at) => use((s) => recordPushRun(s, result, at)),
      deviceChange: (change) => use((s) => void presence.change(s, change)),
      portTied: (change) => use((s) => recordTie(s, change)),
      consoleSession: (session) => use((s) => recordConsoleSession(s, session)),
      consoleExec: (exec) => use((s) => recordExec(s, exec)),
    },
    handlers: {
      'inventory.boards': ({ filter }) => use((s) => s.list().filter(parseFilter(filter))),
      'inventory.board': ({ name }) =>
        use((s) => {
          const board = s.find(name);
          return { board, flashes: s.reader.flashesOf(board.id) };
        }),
      'inventory.label': ({ name, add, remove }) => use((s) => s.label(name, add, remove)),
      'inventory.locate': ({ name, crate, slot, notes }) =>
        use((s) => s.locate(name, { crate, slot, notes })),
      'inventory.forget': ({ name }) => use((s) => ({ forgotten: s.forget(name) })),
      'inventory.history': ({ name, limit }) => use((s) => s.history(name, limit)),
      'inventory.export': ({ format }) => use((s) => ({ format, ...exportInventory(s, format) })),
      'inventory.import': ({ format, text, source }) =>
        use((s) => importInventory(s, format, text, source)),
    },
    async dispose() {
      db?.close();
      db = undefined;
      opening = undefined;
    },
  };
}
