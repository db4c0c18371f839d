// SPDX-License-Identifier: Apache-2.0
// What the serial service reports, as inventory records: a port tied to a board (kept on the
// board's record, and in its history), a console session on a tied port, and a `console exec`
// on one. Each names its board as the tie did; the record is found by that name.
import type { ConsoleExecuted, PortTieChange, TiedPort } from '../../shared/contract/index.js';
import { boardsNamed } from '../../shared/inventory/board-name.js';
import type { EndedSession } from './console-watch.js';
import { addEvent } from './history.js';
import type { InventoryStore } from './inventory-store.js';

/** A port as the serial service keys it: a USB adapter by its serial number, else its path. */
const portKey = (port: { serialNumber: string | null; path: string }): string =>
  port.serialNumber !== null ? `usb:${port.serialNumber}` : port.path;

/** The records holding this port now: by the adapter's serial number, or by path without one. */
function holders(
  store: InventoryStore,
  change: PortTieChange,
): { id: number; path: string | null }[] {
  return change.serialNumber !== null
    ? store.db
        .prepare<[string], { id: number; path: string | null }>(
          'SELECT id, port_path AS path FROM boards WHERE port_serial = ?',
        )
        .all(change.serialNumber)
    : store.db
        .prepare<[string], { id: number; path: string | null }>(
          'SELECT id, port_path AS path FROM boards WHERE port_serial IS NULL AND port_path = ?',
        )
        .all(change.path);
}

/**
 * Keeps a tie on the board's record. A board the inventory does not know yet gets a record
 * with the tie's name as its hostname (as ties taken in on first start do), so it joins when
 * it is heard; a name that means several records is kept in the history, unlinked.
 */
export function recordTie(store: InventoryStore, change: PortTieChange): void {
  const db = store.db;
  const port = portKey(change);
  db.transaction(() => {
    const holding = holders(store, change);
    const untie = (id: number, detail: Record<string, unknown>): void => {
      store.update(id, { port: null }, change.at);
      addEvent(db, id, 'tied', { port, untied: true, ...detail }, change.at, change.by);
    };
    if (change.board === null) {
      for (const holder of holding) untie(holder.id, {});
      return;
    }
    const named = boardsNamed(store.keys(), change.board);
    if (named.length > 1 || (named.length === 0 && change.board.startsWith('#'))) {
      const why =
        named.length > 1
          ? `"${change.board}" names ${named.length} boards (${named.map((b) => `#${b.id}`).join(', ')})`
          : `no board ${change.board} in the inventory`;
      addEvent(db, null, 'tied', { port, board: change.board, error: why }, change.at, change.by);
      return;
    }
    let id = named[0]?.id;
    if (id === undefined) {
      id = store.insert({ hostname: change.board }, change.at);
      addEvent(
        db,
        id,
        'created',
        { from: 'ports.tie', hostname: change.board },
        change.at,
        change.by,
      );
    }
    const target = id;
    const tied: TiedPort = { serialNumber: change.serialNumber, path: change.path };
    // Told again (a tie taken in on first start, then heard as it was made): the record has
    // it already, at most where the adapter is plugged now is new.
    if (holding.length === 1 && holding[0]?.id === target) {
      if (holding[0].path !== change.path) store.update(target, { port: tied }, change.at);
      return;
    }
    for (const holder of holding)
      if (holder.id !== target) untie(holder.id, { tiedTo: change.board });
    store.update(target, { port: tied }, change.at);
    addEvent(
      db,
      target,
      'tied',
      { port, path: change.path, serialNumber: change.serialNumber, board: change.board },
      change.at,
      change.by,
    );
  })();
}

/** The record a name means, or null (kept unlinked) when it means none or several. */
function boardOf(store: InventoryStore, name: string): number | null {
  const named = boardsNamed(store.keys(), name);
  return named.length === 1 && named[0] ? named[0].id : null;
}

export function recordConsoleSession(store: InventoryStore, session: EndedSession): void {
  addEvent(
    store.db,
    boardOf(store, session.board),
    'console',
    {
      port: session.path,
      serialNumber: session.serialNumber,
      board: session.board,
      openedAt: session.openedAt,
      closedAt: session.closedAt,
      logFile: session.logFiles.at(-1) ?? null,
      ...(session.logFiles.length > 1 ? { logFiles: session.logFiles } : {}),
    },
    session.closedAt,
    // Everyone who had it open: a shared console is not one person's.
    session.users.length > 0 ? session.users.join(', ') : undefined,
  );
}

/** An exec on a tied port; one on a port tied to nothing concerns no board and is not kept. */
export function recordExec(store: InventoryStore, exec: ConsoleExecuted): void {
  if (exec.board === null) return;
  addEvent(
    store.db,
    boardOf(store, exec.board),
    'exec',
    {
      command: exec.command,
      status: exec.status,
      output: exec.truncated ? `${exec.excerpt}…` : exec.excerpt,
      ...(exec.error === null ? {} : { error: exec.error }),
      port: exec.path,
      serialNumber: exec.serialNumber,
      board: exec.board,
      logFile: exec.logFile,
      startedAt: exec.startedAt,
    },
    exec.endedAt,
    exec.by,
  );
}
