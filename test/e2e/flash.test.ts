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

  it("shows each card's address, asks before flashing the same cards again, and never replaces the manifest silently", async () => {
    const manifest = join(dir, 'ui-run.json');
    const again = page.getByRole('button', { name: 'Flash these 3 cards again…' });
    await again.click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('These 3 cards were just flashed');
    await dialog.getByRole('button', { name: 'Keep them' }).click();
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    await page.getByLabel('Static IP').fill('10.9.0.50/24');
    await page.getByLabel('If the manifest exists').selectOption('append');
    const plan = await page.getByTestId('plan-row').allTextContents();
    expect(plan).toEqual(
      loops.map((loop, i) => `next${loop.device}bench-{{index}}10.9.0.${50 + i}/24`),
    );
    await page.getByLabel('First card number').fill('4');
    await expect
      .poll(() => page.getByTestId('plan-row').allTextContents())
      .toEqual(loops.map((loop, i) => `${4 + i}${loop.device}bench-${4 + i}10.9.0.${50 + i}/24`));
    await page.getByLabel('First card number').fill('');
    await page.getByTestId('card-plan').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('flash-card-addresses') });

    await again.click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Flash again' }).click();
    await expect
      .poll(() => page.getByTestId('flash-state').textContent(), { timeout: 60_000 })
      .toBe('Flash succeeded');
    const rows = await page.getByTestId('summary-row').allTextContents();
    for (const [i, row] of rows.entries()) {
      expect(row).toContain(`bench-${4 + i}`);
      expect(row).toContain(`10.9.0.${50 + i}/24`);
    }
    const written = JSON.parse(readFileSync(manifest, 'utf8')) as {
      cards: { hostname: string; address?: string }[];
    };
    expect(written.cards.map((c) => c.hostname)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `bench-${n}`),
    );
    expect(
      mtype(loops[2]!.device, image.bootOffset, 'system-connections/benchtop-ethernet'),
    ).toContain('address1=10.9.0.52/24');

    await page.getByLabel('If the manifest exists').selectOption('refuse');
    await again.click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Flash again' }).click();
    const alert = page.locator('.flash-error[role=alert]').filter({ hasText: 'already holds' });
    await expect
      .poll(() => alert.textContent())
      .toContain('already holds 6 cards; nothing was written');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('under “If the manifest exists”');
    expect(text).not.toContain('--');
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toEqual(written);
  });

  it('completes a typed path from the server, keeps the run in view in a small window, and lets a toast go by itself without covering the pane', async () => {
    await page.setViewportSize({ width: 1024, height: 600 });
    const field = page.getByLabel('Image path or URL');
    await field.fill(`${dir}/bench.img.`);
    const options = page.getByRole('listbox', { name: 'Image path or URL: folders and files' });
    await expect
      .poll(() => options.getByRole('option').allTextContents())
      .toContain('bench.img.xz');

    await page.getByLabel('If the manifest exists').selectOption('overwrite');
    await page.getByRole('button', { name: 'Flash these 3 cards again…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Flash again' }).click();
    await expect
      .poll(() => page.getByTestId('flash-state').textContent(), { timeout: 60_000 })
      .toBe('Flash succeeded');
    const state = await page.getByTestId('flash-state').boundingBox();
    expect(state && state.y >= 0 && state.y + state.height <= 600).toBe(true);

    const toast = page.getByTestId('toast').filter({ hasText: 'Flash 3 cards: done' });
    await expect.poll(() => toast.count()).toBe(1);
    const [box, pane] = await Promise.all([
      toast.boundingBox(),
      page.locator('#pane-flash').boundingBox(),
    ]);
    expect(box && pane && box.y >= pane.y + pane.height).toBe(true);
    await page.screenshot({ path: screenshotPath('flash-small-window') });
    await expect.poll(() => toast.count(), { timeout: 15_000 }).toBe(0);
    await page.setViewportSize({ width: 1280, height: 1100 });
  });
});
