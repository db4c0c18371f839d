// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../src/main/contract/event-bus.js';
import { createInventoryService } from '../../../src/main/inventory/index.js';
import type { InventoryChange } from '../../../src/shared/contract/index.js';
import { UUID_A, UUID_B, change, flashResult, mdnsBoard, pushResult } from './payloads.js';
import { tempFolder } from './temp-home.js';
import { localOwner } from '../../../src/main/contract/local-owner.js';

const home = tempFolder('inventory-changes');
const context = { transport: 'local', clientId: 'test', caller: localOwner() } as const;

function serviceHeard() {
  const bus = new EventBus();
  const heard: InventoryChange[] = [];
  bus.on('inventory.changed', (payload) => heard.push(payload));
  const service = createInventoryService({ home: home.path, bus });
  return { service, h: service.handlers, heard };
}

const CSV = `uuid,hostname,crate,slot,labels\n${UUID_A},bench-a,A,1,arm\n${UUID_B},bench-b,A,2,\n`;

describe('the inventory telling the faces what changed', () => {
  it('sends the records a command changed, as they are now, and nothing for a read', async () => {
    const { service, h, heard } = serviceHeard();
    await h['inventory.import']({ format: 'csv', text: CSV, source: 'boards.csv' }, context);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.boards.map((b) => b.hostname)).toEqual(['bench-a', 'bench-b']);
    expect(heard[0]?.removed).toEqual([]);

    await h['inventory.label']({ name: 'bench-b', add: ['owner=ci'], remove: [] }, context);
    await h['inventory.locate']({ name: 'bench-a', slot: '7' }, context);
    await h['inventory.boards']({ filter: '' }, context);
    await h['inventory.history']({ name: 'bench-a', limit: 10 }, context);
    expect(heard).toHaveLength(3);
    expect(heard[1]?.boards).toMatchObject([{ hostname: 'bench-b', labels: ['owner=ci'] }]);
    expect(heard[2]?.boards).toMatchObject([{ hostname: 'bench-a', location: { slot: '7' } }]);

    const { forgotten } = await h['inventory.forget']({ name: 'bench-b' }, context);
    expect(heard[3]).toEqual({ boards: [], removed: [forgotten.id] });
    await service.dispose?.();
  });

  it('sends nothing for a write that was refused, and the boards a recorded event touched', async () => {
    const { service, h, heard } = serviceHeard();
    await h['inventory.import']({ format: 'csv', text: CSV, source: 'boards.csv' }, context);
    const bad = `uuid,hostname\n${UUID_A},x\nnot-hex,y\n`;
    await expect(
      h['inventory.import']({ format: 'csv', text: bad, source: 'bad.csv' }, context),
    ).rejects.toThrow(/bad\.csv, line 3/);
    expect(heard).toHaveLength(1);

    await service.record.flashRun(
      flashResult([{ uuid: UUID_A, hostname: 'bench-a', target: '/dev/loop0' }]),
    );
    expect(heard[1]?.boards).toMatchObject([
      { uuid: UUID_A, lastFlash: { image: '/images/balena-rpi4.img' } },
    ]);
    await service.record.deviceChange(
      change('appeared', mdnsBoard('bench-b', 'bench-b.local', '10.0.0.2', '2026-12-01T10:00Z')),
    );
    expect(heard[2]?.boards).toMatchObject([
      { hostname: 'bench-b', presence: { online: true, address: '10.0.0.2' } },
    ]);
    await service.record.pushRun(
      pushResult([{ board: 'bench-b', state: 'succeeded' }]),
      '2026-12-01T11:00:00Z',
    );
    expect(heard[3]?.boards).toMatchObject([
      { hostname: 'bench-b', lastPush: { project: 'sensors' } },
    ]);
    await service.dispose?.();
  });
});

describe('the inventory hearing of writes by another process', () => {
  it('sends every record, and names those gone, after another connection commits', async () => {
    const { service, h, heard } = serviceHeard();
    await h['inventory.import']({ format: 'csv', text: CSV, source: 'boards.csv' }, context);
    // Another process: its own connection to the same file, no bus.
    const other = createInventoryService({ home: home.path });
    await other.handlers['inventory.label']({ name: 'bench-a', add: ['cli'], remove: [] }, context);
    await vi.waitFor(() => expect(heard).toHaveLength(2), { timeout: 5000 });
    expect(heard[1]?.boards.map((b) => [b.hostname, b.labels])).toEqual([
      ['bench-a', ['arm', 'cli']],
      ['bench-b', []],
    ]);
    const { forgotten } = await other.handlers['inventory.forget']({ name: 'bench-b' }, context);
    await vi.waitFor(() => expect(heard).toHaveLength(3), { timeout: 5000 });
    expect(heard[2]?.removed).toEqual([forgotten.id]);
    await other.dispose?.();
    await service.dispose?.();
  });
});
