// SPDX-License-Identifier: Apache-2.0
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLegacyOnce } from '../../../src/main/inventory/import-legacy.js';
import { InventoryStore } from '../../../src/main/inventory/inventory-store.js';
import { openDatabase } from '../../../src/main/inventory/open-database.js';
import { readLegacy } from '../../../src/main/inventory/read-legacy.js';
import { tempFolder } from './temp-home.js';

const home = tempFolder('legacy');
const write = (name: string, value: unknown) =>
  writeFileSync(join(home.path, name), typeof value === 'string' ? value : JSON.stringify(value));

const card = (uuid: string, hostname: string, target: string, extra = {}) => ({
  index: 1,
  target,
  serial: 'READER1',
  uuid,
  hostname,
  imageChecksum: 'sha256:abc',
  verified: true,
  configVerified: true,
  time: '2026-11-20T10:00:00.000Z',
  ...extra,
});

function legacyHome(): void {
  mkdirSync(join(home.path, 'manifests'));
  write('manifests/flash-1.json', {
    cards: [
      card('a1b2c3d4e5f6', 'slot01', '/dev/loop0', { address: '10.0.0.11/24' }),
      card('b1b2c3d4e5f6', 'slot02', '/dev/loop1', { error: 'verify failed' }),
      card('', '', '/dev/loop2'),
    ],
  });
  write('manifests/broken.json', '{ not json');
  write('devices.json', {
    manual: [
      { address: 'lab-pi.local', addedAt: '2026-11-01T00:00:00.000Z' },
      { address: '10.0.0.50', addedAt: '2026-11-02T00:00:00.000Z' },
      { address: 'slot01', addedAt: '2026-11-03T00:00:00.000Z' },
    ],
    browse: { enabled: true, allow: [] },
  });
  write('serial-ports.json', {
    ports: {
      'usb:FT123': { settings: {}, board: 'slot01' },
      '/dev/ttyS0': { settings: { baudRate: 9600 }, board: 'old-board' },
      '/dev/ttyUSB9': { settings: {} },
    },
  });
}

describe('taking in devices.json, port ties and manifests on first start', () => {
  it('makes a board per flashed uuid, per hand-added name and per tied board, once', async () => {
    legacyHome();
    const store = new InventoryStore(openDatabase(join(home.path, 'inventory.db')));
    const report = await importLegacyOnce(store, () => readLegacy(home.path));
    expect(report).toMatchObject({ flashes: 2, boards: 4, ties: 2 });
    expect(report?.skipped).toEqual([
      expect.stringMatching(/broken.json: not JSON/),
      expect.stringMatching(/flash-1.json: the card written to \/dev\/loop2 has no uuid/),
    ]);
    const slot01 = store.find('slot01');
    expect(slot01).toMatchObject({
      uuid: 'a1b2c3d4e5f6',
      port: { serialNumber: 'FT123', path: null },
      lastFlash: {
        target: '/dev/loop0',
        reader: 'READER1',
        address: '10.0.0.11/24',
        imageChecksum: 'sha256:abc',
      },
    });
    expect(store.find('lab-pi').hostname).toBe('lab-pi.local');
    expect(store.find('10.0.0.50').notes).toBe('Added by hand at 10.0.0.50.');
    expect(store.find('old-board').port).toEqual({ serialNumber: null, path: '/dev/ttyS0' });
    // The failed card is in the flash log, without a board.
    expect(() => store.find('slot02')).toThrow(/No board "slot02"/);
    expect(store.db.prepare('SELECT count(*) AS n FROM flashes').get()).toEqual({ n: 2 });
    expect(store.history('slot01', 10).map((e) => e.kind)).toEqual(['tied', 'flashed', 'created']);

    // Once only: a board forgotten afterwards does not come back at the next start.
    store.forget('lab-pi');
    await expect(importLegacyOnce(store, () => readLegacy(home.path))).resolves.toBeUndefined();
    expect(store.list()).toHaveLength(3);
    store.db.close();
  });

  it('starts empty, and marks the import done, when there is nothing to take in', async () => {
    const store = new InventoryStore(openDatabase(join(home.path, 'inventory.db')));
    await expect(importLegacyOnce(store, () => readLegacy(home.path))).resolves.toEqual({
      flashes: 0,
      boards: 0,
      ties: 0,
      skipped: [],
    });
    expect(store.meta('legacy-imported')).toBeDefined();
    store.db.close();
  });
});
