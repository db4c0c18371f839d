// SPDX-License-Identifier: Apache-2.0
import { describe, it, expect } from 'vitest';
import type { Board } from '../../../src/shared/contract/index.js';
import { matchesFilter, sortBoards } from '../../../src/renderer/panes/devices/board-filter.js';

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
});
