// SPDX-License-Identifier: Apache-2.0
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryStore } from '../../../src/main/inventory/inventory-store.js';
import { openDatabase } from '../../../src/main/inventory/open-database.js';
import { recordFlash, recordPush } from '../../../src/main/inventory/records.js';
import { exportInventory, importInventory } from '../../../src/main/inventory/transfer.js';
import { tempFolder } from './temp-home.js';

const folder = tempFolder('transfer');
const store = (name: string) => new InventoryStore(openDatabase(join(folder.path, name)));

const UUID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

function filled(): InventoryStore {
  const s = store('a.db');
  recordFlash(s, {
    uuid: UUID,
    hostname: 'slot01',
    deviceType: 'raspberrypi4-64',
    image: 'os.img',
    imageChecksum: 'sha256:1',
    at: '2026-11-01T00:00:00.000Z',
    target: '/dev/sdb',
  });
  recordFlash(s, { uuid: 'b2c3d4e5f6', hostname: 'slot02', at: '2026-11-01T00:00:01.000Z' });
  s.label('slot01', ['arm', 'rack=2'], []);
  s.locate('slot01', { crate: 'A', slot: '1', notes: 'says "hi", twice\nand more' });
  const board = s.find('slot02');
  s.update(board.id, { port: { serialNumber: 'FT123', path: null } });
  // A failed card and a forgotten board leave records that belong to no board: kept too.
  recordFlash(s, {
    uuid: 'c3c3c3c3c3',
    hostname: 'slot03',
    at: '2026-11-01T00:00:02.000Z',
    error: 'verify failed',
  });
  recordFlash(s, { uuid: 'd4d4d4d4d4', hostname: 'slot04', at: '2026-11-01T00:00:03.000Z' });
  s.forget('slot04');
  recordPush(s, {
    boardId: board.id,
    project: 'web',
    release: null,
    services: ['httpd'],
    at: '2026-11-02T00:00:00.000Z',
  });
  return s;
}

describe('inventory export and import', () => {
  it('round-trips JSON: boards, flashes, pushes and history come back the same', () => {
    const a = filled();
    const first = exportInventory(a, 'json', 'T');
    const b = store('b.db');
    expect(importInventory(b, 'json', first.text, 'inv.json')).toEqual({ added: 2, updated: 0 });
    expect(exportInventory(b, 'json', 'T').text).toBe(first.text);
    expect(first.boards).toBe(2);
    const unlinked = (
      JSON.parse(first.text) as {
        unlinked: { flashes: { hostname: string }[]; history: { kind: string }[] };
      }
    ).unlinked;
    expect(unlinked.flashes.map((f) => f.hostname)).toEqual(['slot03', 'slot04']);
    expect(unlinked.history.map((e) => e.kind)).toEqual(['created', 'flashed', 'forgotten']);
    // Importing it again repeats none of them.
    importInventory(b, 'json', first.text, 'inv.json');
    expect(JSON.parse(exportInventory(b, 'json', 'T').text)).toMatchObject({ unlinked });
  });

  it('round-trips CSV: identity, location, labels, notes and port', () => {
    const a = filled();
    const csv = exportInventory(a, 'csv').text;
    const b = store('b.db');
    expect(importInventory(b, 'csv', csv, 'boards.csv')).toEqual({ added: 2, updated: 0 });
    expect(exportInventory(b, 'csv').text).toBe(csv);
    // Importing the same table again updates, it does not duplicate.
    expect(importInventory(b, 'csv', csv, 'boards.csv')).toEqual({ added: 0, updated: 2 });
    expect(b.list()).toHaveLength(2);
  });

  it('updates a board by uuid or by hostname, and adds the rest', () => {
    const a = filled();
    const csv = `uuid,hostname,crate,slot,labels\n${UUID},slot01,B,7,x86\n,new-board,C,1,\n`;
    expect(importInventory(a, 'csv', csv, 'edit.csv', 'ada')).toEqual({ added: 1, updated: 1 });
    expect(a.find('slot01')).toMatchObject({
      location: { crate: 'B', slot: '7' },
      labels: ['x86'],
    });
    expect(a.find('new-board').location).toEqual({ crate: 'C', slot: '1' });
    expect(a.history('slot01', 1)[0]).toMatchObject({
      kind: 'imported',
      who: 'ada',
      detail: { from: 'edit.csv, line 2' },
    });
    expect(a.history('new-board', 1)[0]).toMatchObject({ kind: 'imported', who: 'ada' });
  });

  it('refuses a CSV with a missing column, a repeated row or a malformed cell, naming line and column, and imports nothing', () => {
    const a = filled();
    const before = exportInventory(a, 'json', 'T').text;
    const cases: [string, RegExp][] = [
      ['hostname,crate\nx,A\n', /boards.csv, line 1, column 1: the header lacks the column uuid/],
      [
        'uuid,hostname\nabc1234,x\n,y\nABC1234,z\n',
        /boards.csv, line 4, column 1: the uuid abc1234 is also at boards.csv, line 2, column 1/,
      ],
      [
        'uuid,hostname\n,y\n,Y.local\n',
        /line 3, column 2: the hostname Y.local \(without a uuid\) is also at boards.csv, line 2, column 2/,
      ],
      ['uuid,hostname\nnot-a-uuid,x\n', /line 2, column 1: "not-a-uuid" is not a uuid/],
      ['uuid,hostname,labels\nabc1234,x,"a b=c d,e"\n', /line 2, column 3: "d,e" is not a label/],
      ['uuid,hostname\n,\n', /line 2, column 1: a board needs a uuid or a hostname/],
      [
        'uuid,hostname,portSerial\n,x,FT123\n',
        /line 2: its port's serial number FT123 is already tied to another board/,
      ],
    ];
    for (const [csv, message] of cases) {
      expect(() => importInventory(a, 'csv', csv, 'boards.csv')).toThrow(message);
      expect(() => importInventory(a, 'csv', csv, 'boards.csv')).toThrow(/Nothing was imported/);
    }
    expect(exportInventory(a, 'json', 'T').text).toBe(before);
  });

  it('refuses JSON that is not an inventory export, saying where', () => {
    const a = store('a.db');
    expect(() => importInventory(a, 'json', '{', 'x.json')).toThrow(/x.json is not JSON/);
    expect(() =>
      importInventory(
        a,
        'json',
        JSON.stringify({
          benchtop: 'inventory',
          version: 1,
          exportedAt: 'T',
          boards: [{ uuid: null }],
        }),
        'x.json',
      ),
    ).toThrow(/x.json is not a Benchtop inventory export: boards.0.hostname/);
  });
});
