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
    expect(boards.filter((b) => matchesFilter(b, 'unreachable')).map((b) => b.name)).toEqual(['c']);
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
});
