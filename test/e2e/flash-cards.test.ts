// SPDX-License-Identifier: Apache-2.0
// The Flash pane with a cards table, in Debian's Chromium against the real `benchtop serve`
// (built CLI and renderer: run `npm run build` first), onto three real loop devices.
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsScreenshot, openPane } from '../support/chromium.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';
import { buildImage, fixtureDir, mtype, type BuiltImage } from '../fixtures/build-image.js';
import { untouched } from '../fixtures/flash-bench.js';
import {
  attachLoop,
  detachLoop,
  requireLoopSupport,
  type LoopDevice,
} from '../fixtures/loop-devices.js';

describe('Flash pane: cards from a table, in Chromium', () => {
  let dir: string;
  let image: BuiltImage;
  let loops: LoopDevice[] = [];
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  const loadTable = (name: string, lines: string[]) =>
    page.getByTestId('cards-table-file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\n')}\n`),
    });

  beforeAll(async () => {
    requireLoopSupport();
    dir = fixtureDir('benchtop-e2e-flash-cards-');
    image = buildImage(dir, 'bench.img');
    loops = [1, 2, 3].map((n) => attachLoop(dir, `card${n}.bin`, 128));
    serve = await startServe();
    ({ browser, page } = await openPane(serve.url, /Flash/, { width: 1280, height: 1000 }));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    for (const loop of loops) detachLoop(loop);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows a bad table inline by line and column, and one that does not fit the drives', async () => {
    await page.getByLabel('Image path or URL').fill(image.path);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await expect
      .poll(() => page.getByTestId('boot-partition').textContent())
      .toMatch(/partition 1/);
    await page.getByLabel('Show virtual drives (loop devices)').check();
    for (const loop of loops) await page.getByLabel(`Write ${loop.device}`).check();
    await loadTable('cards.csv', ['slot,hostname', 'A1,a1', 'A1,a2', 'A3,a3']);
    const alert = page.getByTestId('cards-table').getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain('cards.csv, line 3, column 1: the slot A1 is also on line 2');
    await loadTable('cards.csv', ['slot,hostname', 'A1,a1', 'A2,a2']);
    await expect.poll(() => alert.count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('card-plan').textContent())
      .toContain(`The cards table has 2 cards for 3 drives: ${loops[2]?.device} would get no card`);
    expect(await page.getByRole('button', { name: 'Flash 3 cards' }).isDisabled()).toBe(true);
    expect(await page.locator('#pane-flash').textContent()).toContain('fix the cards table');
    for (const loop of loops) expect(untouched(loop)).toBe(true);
  });

  it("shows each card's slot, hostname, address and labels before writing, writes them, and the inventory keeps them", async () => {
    await loadTable('rack-b.csv', [
      'slot,hostname,ip,labels,config.site',
      'B1,rack-b1,10.7.0.11/24,arm rack=b,lab',
      'B2,rack-b2,10.7.0.12/24,arm rack=b,lab',
      'B3,rack-b3,,x86,',
    ]);
    const plan = page.getByTestId('plan-row');
    await expect
      .poll(() => plan.allTextContents())
      .toEqual([
        `1B1${loops[0]?.device}rack-b110.7.0.11/24arm rack=b`,
        `2B2${loops[1]?.device}rack-b210.7.0.12/24arm rack=b`,
        `3B3${loops[2]?.device}rack-b3DHCPx86`,
      ]);
    expect(await page.getByTestId('cards-table').textContent()).toContain('rack-b.csv: 3 cards');
    await page.getByTestId('card-plan').scrollIntoViewIfNeeded();
    await page.screenshot({ path: docsScreenshot('flash-cards-table') });

    await page.getByRole('button', { name: 'Flash 3 cards' }).click();
    await expect
      .poll(() => page.getByTestId('flash-state').textContent(), { timeout: 60_000 })
      .toBe('Flash succeeded');
    const summary = await page.getByTestId('summary-row').allTextContents();
    for (const [i, row] of summary.entries())
      expect(row).toMatch(new RegExp(`^B${i + 1}.*rack-b${i + 1}`));
    for (const [i, loop] of loops.entries())
      expect(JSON.parse(mtype(loop.device, image.bootOffset, 'config.json'))).toMatchObject({
        hostname: `rack-b${i + 1}`,
        ...(i < 2 ? { site: 'lab' } : {}),
      });

    // The engine behind the page recorded the boards: over the WebSocket, as any client sees it.
    const client = await connectWs(serve.port, serve.token);
    try {
      await expect
        .poll(async () =>
          (await client.call('inventory.boards', { filter: 'label=arm' })).map((b) => [
            b.hostname,
            b.location.slot,
          ]),
        )
        .toEqual([
          ['rack-b1', 'B1'],
          ['rack-b2', 'B2'],
        ]);
    } finally {
      client.close();
    }
  });
});
