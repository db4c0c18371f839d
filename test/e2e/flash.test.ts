// SPDX-License-Identifier: Apache-2.0
// The Flash pane in Debian's Chromium against the real `benchtop serve` (built CLI: run
// `npm run build` first), writing a compressed image to three real loop devices.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../support/chromium.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';
import {
  buildImage,
  compress,
  fixtureDir,
  mtype,
  type BuiltImage,
} from '../fixtures/build-image.js';
import {
  attachLoop,
  detachLoop,
  requireLoopSupport,
  type LoopDevice,
} from '../fixtures/loop-devices.js';

describe('Flash pane in Chromium', () => {
  let dir: string;
  let image: BuiltImage;
  let xz: string;
  let loops: LoopDevice[] = [];
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  const rows = () => page.getByTestId('drive-row');

  beforeAll(async () => {
    requireLoopSupport();
    dir = fixtureDir('benchtop-e2e-flash-');
    image = buildImage(dir, 'bench.img');
    xz = compress(image.path, 'xz');
    loops = [1, 2, 3].map((n) => attachLoop(dir, `card${n}.bin`, 128));
    serve = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    await page.goto(serve.url);
    await page.getByRole('tab', { name: /Flash/ }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    for (const loop of loops) detachLoop(loop);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says how to start and shows what the image is', async () => {
    expect(await page.locator('#pane-flash').textContent()).toContain('Start by choosing an image');
    await page.getByLabel('Image path or URL').fill(xz);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await expect
      .poll(() => page.getByTestId('boot-partition').textContent())
      .toMatch(/partition 1/);
    const facts = await page.getByTestId('image-facts').textContent();
    expect(facts).toContain('xz');
    expect(facts).toContain('MBR');
  });

  it('lists loop devices when asked, and a hot-plugged one appears and goes by itself', async () => {
    await page.getByLabel('Show virtual drives (loop devices)').check();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const system = rows().filter({ hasText: 'system drive' });
    expect(await system.count()).toBeGreaterThanOrEqual(1);
    expect(await system.first().getByRole('checkbox').isDisabled()).toBe(true);
    const before = await rows().count();
    const extra = attachLoop(dir, 'hotplug.bin', 64);
    try {
      await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(before + 1);
      expect(await rows().filter({ hasText: extra.device }).textContent()).toContain(
        'the image needs',
      );
    } finally {
      detachLoop(extra);
    }
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(before);
  });

  it('serves the same commands and hot-plug events over the WebSocket', async () => {
    const client = await connectWs(serve.port, serve.token);
    try {
      const info = await client.call('image.inspect', { image: xz });
      expect(info).toMatchObject({ format: 'xz', partitionTable: 'mbr' });
      expect(info.bootPartition?.index).toBe(1);
      let wanted = '';
      const seen = new Promise<string[]>((resolve) => {
        const stop = client.on('drives.changed', (drives) => {
          const devices = drives.map((d) => d.device);
          if (wanted !== '' && devices.includes(wanted)) {
            stop();
            resolve(devices);
          }
        });
      });
      // Listing starts the engine's hot-plug watcher; the event then comes by itself.
      await client.call('drives.list', { showVirtual: true });
      const extra = attachLoop(dir, 'ws-hotplug.bin', 64);
      wanted = extra.device;
      try {
        expect(await seen).toContain(extra.device);
      } finally {
        detachLoop(extra);
      }
    } finally {
      client.close();
    }
  });

  it('flashes three cards with their own config, shows progress per card and a summary', async () => {
    for (const loop of loops) await page.getByLabel(`Write ${loop.device}`).check();
    await page.getByLabel('Give each card its own config.json').check();
    await page.getByLabel('Hostname').fill('bad name');
    expect(await page.locator('#pane-flash').textContent()).toContain('inner dashes');
    await page.getByLabel('Hostname').fill('bench-{{index}}');
    await page
      .getByLabel('config.json template')
      .fill('{"uuid": "{{uuid}}", "deviceType": "raspberrypi4-64", "note": "card {{index}}"');
    expect(await page.locator('#pane-flash').textContent()).toContain('Not valid JSON');
    await page
      .getByLabel('config.json template')
      .fill('{"uuid": "{{uuid}}", "deviceType": "raspberrypi4-64", "note": "card {{index}}"}');
    const manifest = join(dir, 'ui-run.json');
    await page.getByLabel('Manifest file').fill(manifest);
    await page.getByRole('button', { name: 'Flash 3 cards' }).click();
    await expect.poll(() => page.getByTestId('card-progress').count(), { timeout: 20_000 }).toBe(3);
    await expect
      .poll(() => page.getByTestId('flash-state').textContent(), { timeout: 60_000 })
      .toBe('Flash succeeded');
    const summary = await page.getByTestId('summary-row').allTextContents();
    expect(summary).toHaveLength(3);
    for (const [i, row] of summary.entries()) expect(row).toContain(`bench-${i + 1}`);
    await page.getByTestId('flash-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('flash-summary') });

    const configs = loops.map(
      (loop) =>
        JSON.parse(mtype(loop.device, image.bootOffset, 'config.json')) as {
          uuid: string;
          hostname: string;
          note: string;
          deviceType: string;
        },
    );
    expect(configs.map((c) => [c.hostname, c.note, c.deviceType])).toEqual([
      ['bench-1', 'card 1', 'raspberrypi4-64'],
      ['bench-2', 'card 2', 'raspberrypi4-64'],
      ['bench-3', 'card 3', 'raspberrypi4-64'],
    ]);
    const uuids = configs.map((c) => c.uuid);
    expect(new Set(uuids).size).toBe(3);
    const written = JSON.parse(readFileSync(manifest, 'utf8')) as {
      cards: { verified: boolean; configVerified: boolean; uuid: string }[];
    };
    expect(written.cards.map((c) => c.verified && c.configVerified)).toEqual([true, true, true]);
    expect(written.cards.map((c) => c.uuid)).toEqual(uuids);
  });
});
