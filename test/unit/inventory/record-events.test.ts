// SPDX-License-Identifier: Apache-2.0
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryStore } from '../../../src/main/inventory/inventory-store.js';
import { openDatabase } from '../../../src/main/inventory/open-database.js';
import { recordFlash } from '../../../src/main/inventory/records.js';
import {
  PresenceRecorder,
  recordFlashRun,
  recordPushRun,
} from '../../../src/main/inventory/record-events.js';
import { UUID_A, UUID_B, change, flashResult, mdnsBoard, pushResult } from './payloads.js';
import { tempFolder } from './temp-home.js';

const folder = tempFolder('record-events');
const open = () => new InventoryStore(openDatabase(join(folder.path, 'inventory.db')));

describe('recording a finished flash run', () => {
  it('makes a board per card with its identity, image and target; a failed card makes none', () => {
    const store = open();
    const made = recordFlashRun(
      store,
      flashResult([
        { uuid: UUID_A, hostname: 'slot-01', target: '/dev/loop3' },
        { uuid: UUID_B, hostname: 'slot-02', target: '/dev/loop4', error: 'Verify failed.' },
        { uuid: '', hostname: '', target: '/dev/loop5' },
      ]),
    );
    expect(made).toBe(1);
    const [board, ...rest] = store.list();
    expect(rest).toEqual([]);
    expect(board).toMatchObject({
      uuid: UUID_A,
      hostname: 'slot-01',
      deviceType: 'raspberrypi4-64',
      lastFlash: {
        image: '/images/balena-rpi4.img',
        imageChecksum: 'sha256:feed',
        target: '/dev/loop3',
        reader: 'reader-1',
        at: '2026-12-01T10:00:00.000Z',
      },
    });
    // The failed card is kept in the flash log, linked to no board.
    const failed = store.db.prepare('SELECT uuid, error FROM flashes WHERE board_id IS NULL').all();
    expect(failed).toEqual([{ uuid: UUID_B, error: 'Verify failed.' }]);
    expect(store.history('slot-01', 10).map((e) => e.kind)).toEqual(['flashed', 'created']);
    store.db.close();
  });

  it('fills in what the run manifest taken in first did not know, without a second record', () => {
    const store = open();
    const result = flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/sdb' }]);
    const card = result.cards[0]!;
    recordFlash(store, { uuid: UUID_A, hostname: 'slot-01', at: card.time, target: '/dev/sdb' });
    recordFlashRun(store, result);
    const board = store.find('slot-01');
    expect(board.lastFlash).toMatchObject({
      image: '/images/balena-rpi4.img',
      deviceType: 'raspberrypi4-64',
    });
    expect(store.reader.flashesOf(board.id)).toHaveLength(1);
    expect(store.history('slot-01', 10).map((e) => e.kind)).toEqual(['flashed', 'created']);
    store.db.close();
  });

  it('a second run onto the same uuid refreshes the board rather than adding one', () => {
    const store = open();
    recordFlashRun(store, flashResult([{ uuid: UUID_A, hostname: 'old', target: '/dev/sdb' }]));
    recordFlashRun(
      store,
      flashResult([{ uuid: UUID_A, hostname: 'new', target: '/dev/sdc' }], '2026-12-02T08:00:00Z'),
    );
    const boards = store.list();
    expect(boards).toHaveLength(1);
    expect(boards[0]).toMatchObject({ hostname: 'new', lastFlash: { target: '/dev/sdc' } });
    expect(store.reader.flashesOf(boards[0]?.id ?? 0)).toHaveLength(2);
    store.db.close();
  });

  it("gives a card from a cards table its slot and labels, keeping the board's crate and other labels", () => {
    const store = open();
    recordFlashRun(store, flashResult([{ uuid: UUID_A, hostname: 'a1', target: '/dev/sdb' }]));
    store.locate('a1', { crate: 'C', slot: 'old' });
    store.label('a1', ['rack=1', 'keep'], []);
    const made = recordFlashRun(
      store,
      flashResult(
        [
          {
            uuid: UUID_A,
            hostname: 'a1',
            target: '/dev/sdb',
            slot: 'A1',
            labels: ['arm', 'rack=2'],
          },
          { uuid: UUID_B, hostname: 'b7', target: '/dev/sdc', slot: 'B7', labels: [] },
          { uuid: '', hostname: '', target: '/dev/sdd', slot: 'C1', labels: ['x'], error: 'gone' },
        ],
        '2026-12-02T08:00:00.000Z',
      ),
    );
    expect(made).toBe(2);
    expect(store.find('a1')).toMatchObject({
      location: { crate: 'C', slot: 'A1' },
      labels: expect.arrayContaining(['keep', 'arm', 'rack=2']) as string[],
    });
    expect(store.find('a1').labels).not.toContain('rack=1');
    expect(store.find('b7')).toMatchObject({ location: { crate: null, slot: 'B7' }, labels: [] });
    expect(store.list()).toHaveLength(2);
    // By their source, not their order: the hand-made events above are stamped with the clock.
    const fromTable = () =>
      store.history('a1', 20).filter((event) => event.detail['source'] === 'cards table');
    const [labelled, located] = fromTable();
    expect(labelled).toMatchObject({ kind: 'labelled', detail: { added: ['arm', 'rack=2'] } });
    expect(located).toMatchObject({
      kind: 'located',
      detail: { slot: 'A1', from: { crate: 'C', slot: 'old' } },
    });
    // The same table again changes nothing and says nothing.
    recordFlashRun(
      store,
      flashResult(
        [{ uuid: UUID_A, hostname: 'a1', target: '/dev/sdb', slot: 'A1', labels: ['arm'] }],
        '2026-12-03T08:00:00.000Z',
      ),
    );
    expect(fromTable()).toHaveLength(2);
    expect(store.reader.flashesOf(store.find('a1').id)).toHaveLength(3);
    store.db.close();
  });
});

describe('recording a finished push', () => {
  it('keeps each succeeded board as its last push, a failed one in its history, an unknown one unlinked', () => {
    const store = open();
    recordFlashRun(
      store,
      flashResult([
        { uuid: UUID_A, hostname: 'slot-01', target: '/dev/sdb' },
        { uuid: UUID_B, hostname: 'slot-02', target: '/dev/sdc' },
      ]),
    );
    recordPushRun(
      store,
      pushResult([
        { board: 'slot-01.local', address: '10.0.0.11', state: 'succeeded' },
        { board: 'slot-02', state: 'failed' },
        { board: '10.0.0.99', address: '10.0.0.99', state: 'succeeded' },
      ]),
      '2026-12-01T11:00:00.000Z',
    );
    const byName = new Map(store.list().map((b) => [b.hostname, b]));
    expect(byName.get('slot-01')?.lastPush).toEqual({
      project: 'sensors',
      release: null,
      services: ['reader', 'upload'],
      at: '2026-12-01T11:00:00.000Z',
    });
    expect(byName.get('slot-02')?.lastPush).toBeNull();
    const [failed] = store.history('slot-02', 1);
    expect(failed).toMatchObject({
      kind: 'pushed',
      detail: { project: 'sensors', state: 'failed', error: 'The engine did not answer.' },
    });
    const unlinked = store.db.prepare('SELECT project FROM pushes WHERE board_id IS NULL').all();
    expect(unlinked).toEqual([{ project: 'sensors' }]);
    store.db.close();
  });

  it('finds a board named by its address through where it was last seen', () => {
    const store = open();
    recordFlashRun(store, flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/sdb' }]));
    new PresenceRecorder().change(
      store,
      change('appeared', mdnsBoard('slot-01', 'slot-01.local', '10.0.0.11', '2026-12-01T10:30Z')),
    );
    recordPushRun(
      store,
      pushResult([{ board: '10.0.0.11', address: '10.0.0.11', state: 'succeeded' }]),
      '2026-12-01T11:00:00.000Z',
    );
    expect(store.find('slot-01').lastPush?.project).toBe('sensors');
    store.db.close();
  });
});

describe('recording mDNS presence', () => {
  it('joins a board heard by its hostname: online with address and interface, then offline', () => {
    const store = open();
    recordFlashRun(store, flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/sdb' }]));
    const presence = new PresenceRecorder();
    const heard = mdnsBoard('slot-01', 'slot-01.local', '10.0.0.11', '2026-12-01T10:30:00.000Z');
    const id = presence.change(store, change('appeared', heard));
    expect(id).toBe(store.find('slot-01').id);
    expect(store.find('slot-01').presence).toEqual({
      address: '10.0.0.11',
      interface: 'eth1',
      firstSeen: '2026-12-01T10:30:00.000Z',
      lastSeen: '2026-12-01T10:30:00.000Z',
      online: true,
    });
    const left = {
      ...heard,
      lastSeen: '2026-12-01T10:40:00.000Z',
      left: { at: '2026-12-01T10:41:00.000Z', reason: 'goodbye' as const },
    };
    presence.change(store, change('left', left, 'goodbye'));
    expect(store.find('slot-01').presence).toEqual({
      address: '10.0.0.11',
      interface: 'eth1',
      firstSeen: '2026-12-01T10:30:00.000Z',
      lastSeen: '2026-12-01T10:41:00.000Z',
      online: false,
    });
    store.db.close();
  });

  it('joins a board heard before its record existed once the record comes (an import, a flash)', () => {
    const store = open();
    const presence = new PresenceRecorder();
    const heard = mdnsBoard('slot-07', 'slot-07.local', '10.0.0.17', '2026-12-01T11:00:00.000Z');
    expect(presence.change(store, change('appeared', heard))).toBeUndefined();
    recordFlashRun(store, flashResult([{ uuid: UUID_B, hostname: 'slot-07', target: '/dev/sdc' }]));
    expect(store.find('slot-07').presence).toBeNull();
    presence.rejoin(store);
    expect(store.find('slot-07').presence).toMatchObject({ address: '10.0.0.17', online: true });
    store.db.close();
  });

  it('joins a balenaOS default name (short uuid), and skips a probe update that changed nothing', () => {
    const store = open();
    recordFlashRun(store, flashResult([{ uuid: UUID_A, hostname: '', target: '/dev/sdb' }]));
    const presence = new PresenceRecorder();
    const short = UUID_A.slice(0, 7);
    const heard = mdnsBoard(short, `${short}.local`, '10.0.0.12', '2026-12-01T10:30:00.000Z');
    const now = Date.parse('2026-12-01T10:30:00.000Z');
    expect(presence.change(store, change('appeared', heard), now)).toBeDefined();
    const later = { ...heard, lastSeen: '2026-12-01T10:30:20.000Z' };
    expect(presence.change(store, change('updated', later), now + 20_000)).toBeUndefined();
    expect(store.find(short).presence?.lastSeen).toBe('2026-12-01T10:30:00.000Z');
    const moved = { ...later, address: '10.0.0.13' };
    expect(presence.change(store, change('updated', moved), now + 21_000)).toBeDefined();
    expect(store.find(short).presence?.address).toBe('10.0.0.13');
    store.db.close();
  });

  it('keeps a board in no record unknown, and two boards claiming one record joined to neither', () => {
    const store = open();
    recordFlashRun(store, flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/sdb' }]));
    const presence = new PresenceRecorder();
    const stranger = mdnsBoard('other', 'other.local', '10.0.0.50', '2026-12-01T10:30:00.000Z');
    expect(presence.change(store, change('appeared', stranger))).toBeUndefined();
    const first = mdnsBoard('slot-01', 'slot-01.local', '10.0.0.11', '2026-12-01T10:30:00.000Z');
    expect(presence.change(store, change('appeared', first))).toBeDefined();
    // The same hostname answers on a second interface from another machine.
    const twin = {
      ...mdnsBoard('slot-01', 'slot-01.local', '10.0.1.11', '2026-12-01T10:31:00.000Z'),
      id: 'mdns:eth2:slot-01',
      interface: 'eth2',
    };
    expect(presence.change(store, change('appeared', twin))).toBeUndefined();
    expect(presence.conflicts().map((c) => c.kind)).toEqual(['record-claimed-twice']);
    // The conflict is in the board's history once, however often it is heard again.
    presence.change(store, change('updated', { ...twin, address: '10.0.1.12' }));
    const conflicts = store.history('slot-01', 20).filter((e) => e.kind === 'conflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.detail['message']).toMatch(/2 boards claim board #1/);
    // The presence written before the conflict stays as it was: nothing is merged.
    expect(store.find('slot-01').presence?.address).toBe('10.0.0.11');
    store.db.close();
  });
});
