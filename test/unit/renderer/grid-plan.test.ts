// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import type {
  ConsoleSession,
  InventoryBoard,
  PortTie,
} from '../../../src/shared/contract/index.js';
import {
  gridColumns,
  groupLogFiles,
  tiedPorts,
} from '../../../src/renderer/panes/consoles/grid-plan.js';

const board = (hostname: string, port: InventoryBoard['port']): InventoryBoard =>
  ({ hostname, port }) as InventoryBoard;
const session = (id: string, path: string, board?: string): ConsoleSession =>
  ({ id, path, board }) as ConsoleSession;

describe('a console grid', () => {
  it('opens the ports tied to the boards a filter matched, a USB adapter by its serial number', () => {
    const ties: PortTie[] = [
      { board: 'a', path: '/dev/ttyUSB3', serialNumber: 'FT1', present: true },
      { board: 'b', path: '/dev/pts/7', present: true },
    ];
    expect(
      tiedPorts(
        [
          board('a', { serialNumber: 'FT1', path: '/dev/ttyUSB0' }),
          board('b', { serialNumber: null, path: '/dev/pts/7' }),
          board('c', null),
          board('d', { serialNumber: 'FT9', path: null }),
        ],
        ties,
      ).map((tie) => tie.path),
    ).toEqual(['/dev/ttyUSB3', '/dev/pts/7']);
  });

  it('logs each console to a file named by its board, else its port, never two to one file', () => {
    const files = groupLogFiles('grid-1/', [
      session('1', '/dev/pts/3', 'bench-a'),
      session('2', '/dev/ttyUSB0'),
      session('3', '/dev/pts/4', 'bench-a'),
      session('4', '/dev/pts/5', 'odd name/x'),
    ]);
    expect([...files.values()]).toEqual([
      'grid-1/bench-a.log',
      'grid-1/ttyUSB0.log',
      'grid-1/bench-a-2.log',
      'grid-1/odd_name_x.log',
    ]);
  });

  it('lays twelve out as 4 x 3 and a few side by side', () => {
    expect([1, 2, 4, 6, 9, 12, 20].map(gridColumns)).toEqual([1, 2, 2, 3, 3, 4, 5]);
  });
});
