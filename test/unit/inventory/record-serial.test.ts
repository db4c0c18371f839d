// SPDX-License-Identifier: Apache-2.0
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleWatch } from '../../../src/main/inventory/console-watch.js';
import { InventoryStore } from '../../../src/main/inventory/inventory-store.js';
import { openDatabase } from '../../../src/main/inventory/open-database.js';
import {
  recordConsoleSession,
  recordExec,
  recordTie,
} from '../../../src/main/inventory/record-serial.js';
import { consoleState, executed } from './payloads.js';
import { tempFolder } from './temp-home.js';

const folder = tempFolder('record-serial');
const open = () => new InventoryStore(openDatabase(join(folder.path, 'inventory.db')));
const at = '2026-12-01T12:00:00.000Z';
const usbTie = (board: string | null) => ({
  path: '/dev/ttyUSB0',
  serialNumber: 'FT1234',
  board,
  at,
});

describe('a port tied to a board, kept on its record', () => {
  it('sets the port on the board named, and moves it when the adapter is tied to another', () => {
    const store = open();
    const one = store.insert({ hostname: 'slot-01' });
    const two = store.insert({ hostname: 'slot-02' });
    recordTie(store, usbTie('slot-01'));
    expect(store.get(one).port).toEqual({ serialNumber: 'FT1234', path: '/dev/ttyUSB0' });
    recordTie(store, usbTie('slot-02.local'));
    expect(store.get(one).port).toBeNull();
    expect(store.get(two).port).toEqual({ serialNumber: 'FT1234', path: '/dev/ttyUSB0' });
    expect(store.history('slot-01', 10).map((e) => [e.kind, e.detail['untied'] ?? false])).toEqual([
      ['tied', true],
      ['tied', false],
    ]);
    expect(store.history('slot-02', 10)[0]).toMatchObject({
      kind: 'tied',
      detail: { port: 'usb:FT1234', path: '/dev/ttyUSB0', board: 'slot-02.local' },
    });
    recordTie(store, usbTie(null));
    expect(store.get(two).port).toBeNull();
    store.db.close();
  });

  it('keeps a tie heard again once, and follows the adapter to a new path without an event', () => {
    const store = open();
    const id = store.insert({ hostname: 'slot-01' });
    recordTie(store, usbTie('slot-01'));
    recordTie(store, usbTie('slot-01'));
    recordTie(store, { ...usbTie('slot-01'), path: '/dev/ttyUSB3' });
    expect(store.get(id).port).toEqual({ serialNumber: 'FT1234', path: '/dev/ttyUSB3' });
    expect(store.history('slot-01', 10).map((e) => e.kind)).toEqual(['tied']);
    store.db.close();
  });

  it('ties a port by path when it has no serial number, apart from other paths', () => {
    const store = open();
    const id = store.insert({ hostname: 'rig-a' });
    const other = store.insert({ hostname: 'rig-b' });
    recordTie(store, { path: '/tmp/rig/console0', serialNumber: null, board: 'rig-a', at });
    recordTie(store, { path: '/tmp/rig/console1', serialNumber: null, board: 'rig-b', at });
    expect(store.get(id).port).toEqual({ serialNumber: null, path: '/tmp/rig/console0' });
    expect(store.get(other).port).toEqual({ serialNumber: null, path: '/tmp/rig/console1' });
    store.db.close();
  });

  it('makes a record for a board it does not know, and keeps a name meaning two unlinked', () => {
    const store = open();
    recordTie(store, usbTie('bench-7'));
    expect(store.find('bench-7')).toMatchObject({
      hostname: 'bench-7',
      port: { serialNumber: 'FT1234' },
    });
    expect(store.history('bench-7', 10).map((e) => e.kind)).toEqual(['tied', 'created']);

    store.insert({ hostname: 'twin' });
    store.insert({ hostname: 'twin.local' });
    recordTie(store, { ...usbTie('twin'), serialNumber: 'FT9999' });
    const unlinked = store.db
      .prepare<[], { detail: string }>(
        "SELECT detail FROM events WHERE board_id IS NULL AND kind = 'tied'",
      )
      .all();
    expect(unlinked.map((row) => JSON.parse(row.detail) as unknown)).toEqual([
      { port: 'usb:FT9999', board: 'twin', error: '"twin" names 2 boards (#2, #3)' },
    ]);
    expect(store.list().filter((b) => b.port !== null)).toHaveLength(1);
    store.db.close();
  });
});

describe('console sessions and execs on a tied port, in the board history', () => {
  it('a session becomes one event when it closes, with its port, times and log', () => {
    const watch = new ConsoleWatch();
    const closedAt = () => '2026-12-01T11:05:00.000Z';
    expect(watch.state(consoleState('s1', 'connected', { board: 'slot-01' }))).toBeUndefined();
    watch.state(consoleState('s1', 'connected', { board: 'slot-01', logFile: '/logs/a.log' }));
    watch.state(consoleState('s2', 'connected'));
    // The log has ended by the time the closed state is sent.
    const ended = watch.state(consoleState('s1', 'closed', { board: 'slot-01' }), closedAt);
    expect(watch.state(consoleState('s2', 'closed'), closedAt)).toBeUndefined();
    expect(ended).toEqual({
      sessionId: 's1',
      path: '/dev/ttyUSB0',
      serialNumber: 'FT1234',
      board: 'slot-01',
      openedAt: '2026-12-01T11:00:00.000Z',
      closedAt: '2026-12-01T11:05:00.000Z',
      logFiles: ['/logs/a.log'],
      users: [],
    });

    const store = open();
    store.insert({ hostname: 'slot-01' });
    if (ended) recordConsoleSession(store, ended);
    recordExec(
      store,
      executed({ excerpt: 'x'.repeat(500), truncated: true, logFile: '/logs/a.log' }),
    );
    recordExec(store, executed({ board: null }));
    const [session, exec, ...more] = store.history('slot-01', 10);
    expect(more).toEqual([]);
    expect(session).toMatchObject({
      kind: 'console',
      at: '2026-12-01T11:05:00.000Z',
      detail: {
        port: '/dev/ttyUSB0',
        serialNumber: 'FT1234',
        openedAt: '2026-12-01T11:00:00.000Z',
        closedAt: '2026-12-01T11:05:00.000Z',
        logFile: '/logs/a.log',
      },
    });
    expect(exec).toMatchObject({
      kind: 'exec',
      at: '2026-12-01T11:01:02.000Z',
      detail: {
        command: 'uname -a',
        status: 0,
        output: `${'x'.repeat(500)}…`,
        logFile: '/logs/a.log',
      },
    });
    expect(exec?.who).toBeTruthy();
    store.db.close();
  });
});
