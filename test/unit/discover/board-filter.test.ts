// SPDX-License-Identifier: Apache-2.0
import { describe, it, expect } from 'vitest';
import type { Board, InventoryBoard } from '../../../src/shared/contract/index.js';
import { rowFilter, sortRows } from '../../../src/renderer/panes/devices/board-filter.js';
import {
  findPicked,
  joinRows,
  rowIdentities,
  type PaneRow,
} from '../../../src/renderer/panes/devices/pane-rows.js';
import { inventoryRecord } from '../../fixtures/inventory-record.js';

const rowsOf = (live: Board[], records: InventoryBoard[] = []): PaneRow[] => [
  ...joinRows(live, records).values(),
];
/** Whether the pane's filter keeps the row of a board heard now (with no record). */
const matchesFilter = (board: Board, text: string): boolean =>
  rowFilter(text)(rowsOf([board])[0] as PaneRow);
const sortBoards = (boards: Board[], key: Parameters<typeof sortRows>[1], descending = false) =>
  sortRows(rowsOf(boards), key, descending);

const record = (id: number, hostname: string, extra: Partial<InventoryBoard> = {}) =>
  inventoryRecord(id, { hostname, ...extra });

function board(name: string, address: string | null, arch?: string): Board {
  return {
    id: `mdns:btv0:${name}`,
    name,
    hostname: `${name}.local`,
    address,
    interface: 'btv0',
    source: 'mdns',
    addedByHand: false,
    sshPort: 22222,
    txt: {},
    firstSeen: '',
    lastSeen: '',
    engine: arch ? { version: '20.10.24', apiVersion: '1.41', os: 'linux', arch } : null,
    engineState: arch ? 'up' : 'down',
    supervisor: { state: 'down' },
    ssh: { state: 'up' },
    probedAt: null,
  };
}

const boards = [
  board('b', '10.231.10.2', 'arm64'),
  board('a', '10.231.2.2', 'amd64'),
  board('c', null),
];

describe('board filter and sort', () => {
  it('matches every typed word against name, address, arch and engine state', () => {
    expect(boards.filter((b) => matchesFilter(b, 'arm64')).map((b) => b.name)).toEqual(['b']);
    expect(boards.filter((b) => matchesFilter(b, 'engine-down')).map((b) => b.name)).toEqual(['c']);
    // No board here has a supervisor answering: each is unreachable in that column.
    expect(boards.filter((b) => matchesFilter(b, 'unreachable')).length).toBe(3);
    expect(boards.filter((b) => matchesFilter(b, '10.231 amd64')).map((b) => b.name)).toEqual([
      'a',
    ]);
    expect(boards.filter((b) => matchesFilter(b, '  ')).length).toBe(3);
  });

  it('sorts addresses by their numbers, and boards without one last', () => {
    expect(sortBoards(boards, 'address').map((b) => b.name)).toEqual(['a', 'b', 'c']);
    expect(sortBoards(boards, 'address', true).map((b) => b.name)).toEqual(['c', 'b', 'a']);
  });

  it('sorts by engine state: reachable first', () => {
    expect(
      sortBoards(boards, 'engine')
        .map((b) => b.name)
        .at(-1),
    ).toBe('c');
  });

  it('sorts a thousand boards quickly enough to do on every change', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      board(`n${i}`, `10.231.${i % 200}.2`, 'arm64'),
    );
    expect(sortBoards(many, 'name')).toHaveLength(1000);
  });

  it('sorts hex names (balenaOS short uuids) as text, other names naturally', () => {
    const named = ['9f0e1d2', '10aa0b1', 'a000001', 'cm4-10', 'cm4-9'].map((n) => board(n, null));
    expect(sortBoards(named, 'name').map((b) => b.name)).toEqual([
      '10aa0b1',
      '9f0e1d2',
      'a000001',
      'cm4-9',
      'cm4-10',
    ]);
  });

  it('"unreachable" finds a board whose supervisor does not answer, engine or not', () => {
    const up = { ...board('up', '10.0.0.1', 'amd64'), supervisor: { state: 'up' as const } };
    const noSupervisor = board('nosup', '10.0.0.2', 'amd64');
    expect(
      [up, noSupervisor].filter((b) => matchesFilter(b, 'unreachable')).map((b) => b.name),
    ).toEqual(['nosup']);
    const left = { ...up, left: { at: '', reason: 'goodbye' as const } };
    expect(matchesFilter(left, 'left')).toBe(true);
  });

  it('joins a board heard now to its record, and lists records and boards no join names', () => {
    const records = [
      record(1, 'b.local', { location: { crate: 'A', slot: '12' }, labels: ['arm', 'rack=2'] }),
      record(2, 'gone', {
        presence: {
          address: '10.0.0.9',
          interface: 'eth1',
          firstSeen: 'x',
          lastSeen: '2026-12-01T09:00:00Z',
          online: false,
        },
      }),
      record(3, 'never'),
    ];
    const rows = rowsOf(boards, records);
    expect(rows.map((r) => [r.key, r.name, r.live?.name ?? null])).toEqual([
      ['record:1', 'b', 'b'],
      ['record:2', 'gone', null],
      ['record:3', 'never', null],
      ['mdns:btv0:a', 'a', 'a'],
      ['mdns:btv0:c', 'c', 'c'],
    ]);
    const names = (text: string) => rows.filter(rowFilter(text)).map((r) => r.name);
    expect(names('label=arm')).toEqual(['b']);
    expect(names('label=rack')).toEqual(['b']);
    expect(names('slot=12 crate=a')).toEqual(['b']);
    expect(names('offline')).toEqual(['gone']);
    expect(names('unseen')).toEqual(['never']);
    expect(names('online arm64')).toEqual(['b']);
    expect(names('address=10.0.0.9')).toEqual(['gone']);
    expect(() => rowFilter('colour=red')).toThrow(/unknown key; use hostname, uuid, type/);
    expect(sortRows(rows, 'location').map((r) => r.name)[0]).toBe('b');
    expect(sortRows(rows, 'status').map((r) => r.name)).toEqual(['a', 'b', 'c', 'gone', 'never']);
  });

  it('keeps the row objects a change did not touch, so their rows are not drawn again', () => {
    const records = [record(1, 'b.local'), record(2, 'other')];
    const first = joinRows(boards, records);
    const relabelled = [records[0] as InventoryBoard, record(2, 'other', { labels: ['x'] })];
    const second = joinRows(boards, relabelled);
    expect(second.get('record:1')).toBe(first.get('record:1'));
    expect(second.get('mdns:btv0:a')).toBe(first.get('mdns:btv0:a'));
    expect(second.get('record:2')).not.toBe(first.get('record:2'));
  });
});

describe('the row whose details show', () => {
  it('stays picked when its board joins a record that arrives, and when the record goes', () => {
    const live = board('bench-07', '10.231.0.2');
    const [alone] = rowsOf([live]);
    if (!alone) throw new Error('no row');
    const picked = rowIdentities(alone);
    const joined = rowsOf([live], [record(4, 'bench-07.local')]);
    expect(joined.map((row) => row.key)).toEqual(['record:4']);
    expect(findPicked(joined, picked)?.key).toBe('record:4');
    // Picked while joined, then the record is forgotten: the board's own row again.
    const [withRecord] = joined;
    if (!withRecord) throw new Error('no row');
    expect(findPicked(rowsOf([live]), rowIdentities(withRecord))?.key).toBe(live.id);
    expect(findPicked(rowsOf([board('other', null)]), picked)).toBeUndefined();
  });
});
