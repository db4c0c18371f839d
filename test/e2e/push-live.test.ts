// SPDX-License-Identifier: Apache-2.0
// Live sync in the Push pane, in Debian's Chromium against the real `benchtop serve` and one rig
// board: a small site pushed from the pane goes live; a file saved on disk shows in the timeline
// as a sync naming it, and the board serves the new content; the board leaving and coming back
// shows in the session's state and as a resync; Stop ends it. Needs `npm run build` first and
// root for the rig.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RigBoard, rigCommand, rigDown, rigUpOneBoard } from '../rig/index.js';
import { launchChromium } from '../support/chromium.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const fixture = fileURLToPath(new URL('../fixtures/develop/live-site', import.meta.url));
const screenshot = (name: string): string =>
  fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url));
const wait = { timeout: 60_000, interval: 200 };

describe('Push pane live sync in Chromium (rig board)', () => {
  let board: RigBoard;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let project: string;
  const pane = () => page.locator('#pane-push');
  const live = () => pane().locator(`[data-testid="live-board"][data-board="${board.address}"]`);
  const liveState = () => live().getByTestId('live-state');

  /** The site's body for `file` as the board serves it. */
  const served = (file: string): Promise<string> =>
    new Promise((resolve, reject) => {
      get(`http://${board.address}:8080/${file}`, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve(body));
      }).on('error', reject);
    });

  beforeAll(async () => {
    board = await rigUpOneBoard();
    project = join(mkdtempSync(join(tmpdir(), 'benchtop-live-pane-')), 'live-site');
    cpSync(fixture, project, { recursive: true });
    serve = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(serve.url);
    await page.getByRole('tab', { name: /Push/ }).click();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rigCommand(['net-on', '0']).catch(() => undefined);
    await rigDown();
    if (project) rmSync(project, { recursive: true, force: true });
  }, 120_000);

  it('pushes the project from the pane and goes live, the logs alongside', async () => {
    const field = pane().getByRole('combobox', { name: 'Project folder' });
    await field.fill(project);
    await field.press('Enter');
    await pane().getByLabel('Board address').fill(board.address);
    await pane().getByRole('button', { name: 'Add board' }).click();
    await pane().getByRole('region', { name: 'Project summary' }).waitFor({ timeout: 20_000 });
    await pane()
      .locator('section[aria-labelledby="push-summary-title"][aria-busy="false"]')
      .waitFor();
    // Live is the default; the option is there to turn it off.
    await pane().locator('summary', { hasText: 'Options' }).click();
    expect(
      await pane()
        .getByRole('checkbox', { name: /Live sync/ })
        .isChecked(),
    ).toBe(true);

    await pane().getByRole('button', { name: 'Push to 1 board' }).click();
    await pane()
      .locator(
        '[data-testid="push-state"]:not([data-state="running"]):not([data-state="starting"])',
      )
      .waitFor({ timeout: 240_000 });
    expect(await pane().getByTestId('push-state').getAttribute('data-state')).toBe('succeeded');
    await live().locator('[data-testid="live-state"][data-state="watching"]').waitFor(wait);
    expect(await liveState().textContent()).toBe('Live');
    expect(await live().getByTestId('live-empty').count()).toBe(1);
    await pane()
      .locator(`[data-testid="board-logs"][data-board="${board.address}"][data-state="following"]`)
      .waitFor({ timeout: 20_000 });
    expect(await served('index.html')).toContain('first version');
  }, 300_000);

  it('shows a saved file as a sync naming it, and the board serves it', async () => {
    writeFileSync(join(project, 'site', 'index.html'), '<p>second version</p>\n');
    const entry = live().getByTestId('live-sync').first();
    await entry.waitFor(wait);
    await live().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot('push-live'), fullPage: true });
    expect(await entry.getAttribute('data-trigger')).toBe('change');
    // The entry's own words say what failed, if it did.
    expect(await entry.getAttribute('data-failed'), await entry.innerText()).toBe('false');
    const files = await entry.getByTestId('live-file').allTextContents();
    expect(files).toEqual(['site/index.html changed']);
    const site = entry.locator('[data-testid="live-service"][data-service="site"]');
    expect(await site.textContent()).toMatch(/^site copied 1 file/);
    expect(await entry.getByTestId('live-duration').textContent()).toMatch(/^\d+ ms$/);
    await vi.waitFor(
      async () => expect(await served('index.html')).toContain('second version'),
      wait,
    );
    // The board's logs keep following beside the timeline.
    expect(
      await pane()
        .locator(`[data-testid="board-logs"][data-board="${board.address}"]`)
        .getAttribute('data-state'),
    ).toBe('following');
  }, 90_000);

  it('says the board went offline with changes waiting, and resyncs when it is back', async () => {
    await rigCommand(['net-off', '0']);
    try {
      await live().locator('[data-testid="live-state"][data-state="offline"]').waitFor(wait);
      expect(await liveState().textContent()).toMatch(/^Board offline/);
      expect(await live().getByTestId('live-message').textContent()).toMatch(
        /left .*changes are kept/,
      );
      writeFileSync(join(project, 'site', 'index.html'), '<p>edited while away</p>\n');
    } finally {
      await rigCommand(['net-on', '0']);
    }
    const resync = live().locator('[data-testid="live-sync"][data-trigger="resync"]').first();
    await resync.waitFor(wait);
    expect(await resync.getAttribute('data-failed'), await resync.innerText()).toBe('false');
    expect(await resync.getByTestId('live-file').allTextContents()).toEqual([
      'site/index.html changed',
    ]);
    await live().locator('[data-testid="live-state"][data-state="watching"]').waitFor(wait);
    await vi.waitFor(
      async () => expect(await served('index.html')).toContain('edited while away'),
      wait,
    );
    await live().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot('push-live'), fullPage: true });
  }, 150_000);

  it('stops live sync from the pane; the site keeps running', async () => {
    await live().getByRole('button', { name: 'Stop live sync' }).click();
    await live().locator('[data-testid="live-state"][data-state="stopped"]').waitFor(wait);
    expect(await live().getByRole('button', { name: 'Stop live sync' }).count()).toBe(0);
    expect(await served('index.html')).toContain('edited while away');
  });
});
