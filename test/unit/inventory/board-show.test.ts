// SPDX-License-Identifier: Apache-2.0
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordLines } from '../../../src/main/cli/commands/board.js';
import { InventoryStore } from '../../../src/main/inventory/inventory-store.js';
import { openDatabase } from '../../../src/main/inventory/open-database.js';
import {
  PresenceRecorder,
  recordFlashRun,
  recordPushRun,
} from '../../../src/main/inventory/record-events.js';
import { UUID_A, change, flashResult, mdnsBoard, pushResult } from './payloads.js';
import { tempFolder } from './temp-home.js';

const folder = tempFolder('board-show');

describe('benchtop board show', () => {
  it('says where the board was heard and what was last pushed to it', () => {
    const store = new InventoryStore(openDatabase(join(folder.path, 'inventory.db')));
    recordFlashRun(store, flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/sdb' }]));
    expect(new Map(recordLines(store.find('slot-01'))).get('Seen')).toBe(
      'never (not heard over mDNS)',
    );
    const heard = mdnsBoard('slot-01', 'slot-01.local', '10.0.0.11', '2026-12-01T10:30:00.000Z');
    const presence = new PresenceRecorder();
    presence.change(store, change('appeared', heard));
    recordPushRun(
      store,
      pushResult([{ board: 'slot-01', state: 'succeeded' }]),
      '2026-12-01T11:00:00.000Z',
    );
    presence.change(
      store,
      change(
        'left',
        { ...heard, left: { at: '2026-12-01T12:00:00.000Z', reason: 'expired' } },
        'expired',
      ),
    );
    const lines = new Map(recordLines(store.find('slot-01')));
    expect(lines.get('Seen')).toBe('offline');
    expect(lines.get('Address')).toBe('10.0.0.11');
    expect(lines.get('Interface')).toBe('eth1');
    expect(lines.get('First seen')).toBe('2026-12-01 10:30:00');
    expect(lines.get('Last seen')).toBe('2026-12-01 12:00:00');
    expect(lines.get('Last push')).toBe('sensors (reader, upload) at 2026-12-01 11:00:00');
    store.db.close();
  });
});
