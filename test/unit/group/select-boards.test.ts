// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { selectMembers } from '../../../src/main/group/select-boards.js';
import { inventoryRecord } from '../../fixtures/inventory-record.js';

const record = inventoryRecord;

describe('selectMembers', () => {
  it('names each board by hostname, else short uuid, with its tied port', () => {
    const members = selectMembers(
      'crate=2',
      [
        record(1, { hostname: 'daq-01', port: { serialNumber: 'A1', path: '/dev/ttyUSB3' } }),
        record(2, { uuid: 'abcdef0123456789abcdef0123456789' }),
      ],
      [],
    );
    expect(members).toEqual([{ name: 'daq-01', portPath: '/dev/ttyUSB3' }, { name: 'abcdef0' }]);
  });

  it('adds boards named by hand once, after the filter’s, keeping a record’s port', () => {
    const daq = record(1, { hostname: 'daq-01' });
    const members = selectMembers(
      'crate=2',
      [daq],
      [
        'DAQ-01',
        record(3, { hostname: 'x86-4', port: { serialNumber: null, path: '/dev/pts/9' } }),
        '10.0.0.5',
      ],
    );
    expect(members).toEqual([
      { name: 'daq-01' },
      { name: 'x86-4', portPath: '/dev/pts/9' },
      { name: '10.0.0.5' },
    ]);
  });

  it('refuses a selection that matches nothing, saying how to see the inventory', () => {
    expect(() => selectMembers('crate=9', [], [])).toThrow(
      /No board matches "crate=9".*benchtop boards/,
    );
  });
});
