// SPDX-License-Identifier: Apache-2.0
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryStore } from '../../../src/main/inventory/inventory-store.js';
import { openDatabase } from '../../../src/main/inventory/open-database.js';
import { recordFlashRun } from '../../../src/main/inventory/record-events.js';
import { recordGroupRun } from '../../../src/main/inventory/record-group.js';
import { UUID_A, flashResult } from './payloads.js';
import { tempFolder } from './temp-home.js';

const folder = tempFolder('record-group');

describe('recording a finished group action', () => {
  it('puts each board’s result in its history, and keeps an unknown board’s unlinked', () => {
    const store = new InventoryStore(openDatabase(join(folder.path, 'inventory.db')));
    recordFlashRun(store, flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/sdb' }]));
    recordGroupRun(
      store,
      'job-7',
      {
        action: 'exec',
        command: 'selftest',
        over: { kind: 'ssh' },
        boards: [
          {
            board: 'slot-01',
            ok: false,
            status: 2,
            durationMs: 840,
            output: `${'x'.repeat(600)}\n`,
          },
          { board: 'elsewhere', ok: true, status: 0, durationMs: 12, output: 'fine\n' },
        ],
        succeeded: 1,
        failed: 1,
      },
      '2026-12-02T09:00:00.000Z',
    );
    const [latest] = store.history('slot-01', 1);
    expect(latest).toMatchObject({
      kind: 'exec',
      at: '2026-12-02T09:00:00.000Z',
      detail: {
        group: 'job-7',
        over: 'ssh',
        command: 'selftest',
        status: 2,
        ok: false,
        durationMs: 840,
      },
    });
    expect(latest?.detail['output']).toBe(`${'x'.repeat(500)}…`);
    const unlinked = store.db
      .prepare("SELECT kind FROM events WHERE board_id IS NULL AND kind = 'exec'")
      .all();
    expect(unlinked).toEqual([{ kind: 'exec' }]);
    store.db.close();
  });
});
