// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { planTies } from '../../../src/shared/port-tie-table.js';
import { inventoryRecord } from '../../fixtures/inventory-record.js';

const known = {
  ports: [
    { path: '/dev/ttyUSB0', serialNumber: 'FT1', byIdPath: '/dev/serial/by-id/usb-FTDI_FT1' },
    { path: '/dev/ttyUSB1', serialNumber: 'FT2' },
    { path: '/dev/ttyUSB2', serialNumber: 'TWIN' },
    { path: '/dev/ttyUSB3', serialNumber: 'TWIN' },
  ],
  boards: [
    inventoryRecord(1, { hostname: 'daq-01.local', location: { crate: '1', slot: '1' } }),
    inventoryRecord(2, { hostname: 'daq-02', location: { crate: '1', slot: '2' } }),
    inventoryRecord(3, { uuid: 'abcdef0123456789', location: { crate: '2', slot: '1' } }),
  ],
};

describe('planTies', () => {
  it('turns slots into board names and serial numbers into stable paths', () => {
    const table = 'crate,slot,board,serial,port\n1,2,,FT1,\n2,1,,,/dev/ttyS4\n,,lab-pc,FT2,\n';
    expect(planTies(table, known, 'ties.csv')).toEqual([
      { line: 2, board: 'daq-02', path: '/dev/serial/by-id/usb-FTDI_FT1' },
      { line: 3, board: 'abcdef0', path: '/dev/ttyS4' },
      { line: 4, board: 'lab-pc', path: '/dev/ttyUSB1' },
    ]);
  });

  it('checks every row and names each problem by line and column before tying anything', () => {
    const table = [
      'slot,crate,serial,port,board',
      '1,,FT1,,', // slot 1 is in two crates
      '9,1,FT2,,', // no board in slot 9
      '2,1,NOPE,,', // no such adapter
      '2,1,TWIN,,', // two adapters share it
      ',,FT2,/dev/ttyS0,x', // both port and serial
      ',,,,y', // no port at all
      ',,FT1,,a',
      ',,FT1,,b', // the same adapter twice
    ].join('\n');
    expect(() => planTies(table, known, 'ties.csv')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: [
          'Nothing was tied: 7 problems in ties.csv:',
          '  ties.csv, line 2, column 1: slot 1 holds 2 boards (crates 1, 2): add a crate column',
          '  ties.csv, line 3, column 1: the inventory has no board in crate 1 slot 9 (see `benchtop boards`)',
          '  ties.csv, line 4, column 3: no plugged adapter has serial number NOPE (see `benchtop ports`)',
          '  ties.csv, line 5, column 3: 2 plugged ports have serial number TWIN: use a path',
          '  ties.csv, line 6, column 4: give a port or a serial, not both',
          '  ties.csv, line 7, column 4: give a port or a serial',
          '  ties.csv, line 9, column 3: port /dev/serial/by-id/usb-FTDI_FT1 is already on line 8',
          // line 2 also names FT1, but its board failed first and its port was never taken
        ].join('\n'),
      }) as Error,
    );
  });

  it('refuses a table with an unknown column or no rows', () => {
    expect(() => planTies('board,adapter\nx,y\n', known, 't.csv')).toThrow(
      /t\.csv, line 1, column 2: unknown column "adapter"/,
    );
    expect(() => planTies('board,port\n', known, 't.csv')).toThrow(/no rows: nothing to tie/);
  });
});
