// SPDX-License-Identifier: Apache-2.0
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInventoryService } from '../../../src/main/inventory/index.js';
import { tempFolder } from './temp-home.js';
import { localOwner } from '../../../src/main/contract/local-owner.js';

const home = tempFolder('inventory-service');
const context = { transport: 'local', clientId: 'test', caller: localOwner() } as const;

describe('the inventory service', () => {
  it('opens the file on its first command, takes in devices.json, and filters, labels and locates', async () => {
    writeFileSync(
      join(home.path, 'devices.json'),
      JSON.stringify({
        manual: [
          { address: 'pi-a.local', addedAt: 'T1' },
          { address: 'pi-b.local', addedAt: 'T2' },
        ],
      }),
    );
    const service = createInventoryService({ home: home.path });
    const h = service.handlers;
    expect((await h['inventory.boards']({ filter: '' }, context)).map((b) => b.hostname)).toEqual([
      'pi-a.local',
      'pi-b.local',
    ]);
    await h['inventory.label']({ name: 'pi-a', add: ['arch=arm64'], remove: [] }, context);
    await h['inventory.locate']({ name: 'pi-b', crate: 'A', slot: '3' }, context);
    const hostnames = async (filter: string) =>
      (await h['inventory.boards']({ filter }, context)).map((b) => b.hostname);
    await expect(hostnames('label=arch')).resolves.toEqual(['pi-a.local']);
    await expect(hostnames('crate=a slot=3')).resolves.toEqual(['pi-b.local']);
    await expect(hostnames('name=pi-*')).resolves.toHaveLength(2);
    await expect(hostnames('unseen arm64')).resolves.toEqual(['pi-a.local']);
    await expect(hostnames('colour=red')).rejects.toThrow(/unknown key; use hostname, uuid, type/);
    await expect(h['inventory.board']({ name: 'nope' }, context)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await service.dispose?.();
  });

  it('answers with the clear error of a damaged file, every time, and leaves it', async () => {
    writeFileSync(join(home.path, 'inventory.db'), 'garbage'.repeat(1000));
    const service = createInventoryService({ home: home.path });
    for (let i = 0; i < 2; i++)
      await expect(
        service.handlers['inventory.boards']({ filter: '' }, context),
      ).rejects.toMatchObject({
        code: 'CORRUPT_SOURCE',
      });
    await service.dispose?.();
  });
});
