// SPDX-License-Identifier: Apache-2.0
// The Devices pane in Debian's Chromium, against the real `benchtop serve` and the rig's boards.
// Needs `npm run build` first (serve runs the built CLI) and root for the rig.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/chromium.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { rigCommand, rigDown, rigUp, type Rig } from '../rig/index.js';
import { connectWs } from '../support/ws-client.js';

/** The pane lists `boards` boards and shows every change that reached it (its data-settled). */
const settled = (page: Page, boards: number, timeout = 30_000): Promise<void> =>
  page
    .locator(`section.devices[data-settled="true"][data-boards="${boards}"]`)
    .waitFor({ state: 'attached', timeout });

describe('Devices pane in Chromium', () => {
  let rig: Rig;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  const rows = () => page.getByTestId('device-row');

  beforeAll(async () => {
    rig = await rigUp(3, { hostAvahi: false });
    serve = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(serve.url);
    await page.getByRole('tab', { name: /Devices/ }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rigDown();
  });

  it('says what it will show and how to start while nothing is listed', async () => {
    await expect.poll(() => page.getByTestId('browse-state').textContent()).toBe('Browsing is off');
    expect(await page.locator('#pane-devices').textContent()).toContain('Start browsing');
    await page.screenshot({ path: screenshotPath('devices-empty') });
  });

  it('browses the rig interfaces and lists every board live with engine version and arch', async () => {
    await page.getByLabel('Interfaces to browse on').fill('btv*');
    await page.getByRole('button', { name: 'Start browsing' }).click();
    await expect
      .poll(() => page.getByTestId('browse-state').textContent())
      .toMatch(/Browsing on btv0, btv1, btv2/);
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(3);
    await expect
      .poll(
        async () =>
          (await rows().allTextContents()).filter((t) => /engine \d+\.\d+/.test(t)).length,
        {
          timeout: 20_000,
        },
      )
      .toBe(3);
    const text = (await rows().allTextContents()).join('\n');
    for (const board of rig.boards) {
      expect(text).toContain(board.address);
      expect(text).toContain(board.hostname);
    }
    expect(text).toContain('amd64');
    expect(text).toContain('unreachable'); // the rig has no supervisor
    await page.screenshot({ path: screenshotPath('devices-list') });
  });

  it('filters and sorts the list', async () => {
    const board = rig.boards[1];
    if (!board) throw new Error('the rig has no board 1');
    await page.getByLabel('Filter boards').fill(board.hostInterface);
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain(board.address);
    await page.getByLabel('Filter boards').fill('');
    await expect.poll(() => rows().count()).toBe(3);
    await page.getByRole('button', { name: /^Address/ }).click();
    await page.getByRole('button', { name: /^Address/ }).click();
    const first = await rows().first().textContent();
    expect(first).toContain(rig.boards[2]?.address);
  });

  it('shows a board in detail with its images and the ssh command', async () => {
    const board = rig.boards[0];
    if (!board) throw new Error('the rig has no board 0');
    await rows().filter({ hasText: board.address }).click();
    const detail = page.getByRole('region', { name: `Board ${board.hostname}` });
    await expect
      .poll(() => detail.getByRole('table', { name: 'Images' }).textContent(), { timeout: 10_000 })
      .toContain('bench/busybox');
    expect(await detail.getByTestId('ssh-command').textContent()).toBe(
      `ssh -p 22222 root@${board.address}`,
    );
    expect(await detail.textContent()).toContain('No containers on this engine.');
    expect(await detail.getByRole('button', { name: 'Open console' }).isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('devices-detail'), fullPage: true });
    await detail.getByRole('button', { name: 'Close detail' }).click();
  });

  it('opens the console of the port tied to a board, in the Consoles pane', async () => {
    const board = rig.boards[0];
    if (!board?.consolePath) throw new Error('the rig has no console on board 0');
    const client = await connectWs(serve.port, serve.token);
    await client.call('ports.tie', { path: board.consolePath, board: board.hostname });
    client.close();
    await rows().filter({ hasText: board.address }).click();
    const detail = page.getByRole('region', { name: `Board ${board.hostname}` });
    const open = detail.getByRole('button', { name: 'Open console' });
    await expect.poll(() => open.isEnabled()).toBe(true);
    await open.click();
    await expect
      .poll(() => page.getByRole('tab', { selected: true }).first().textContent())
      .toContain('Consoles');
    await expect
      .poll(() => page.locator('#pane-consoles').textContent(), { timeout: 10_000 })
      .toContain(board.consolePath);
    await page.getByRole('tab', { name: /Devices/ }).click();
    await detail.getByRole('button', { name: 'Close detail' }).click();
  });

  it('a board leaving the network stays greyed with when it was last seen, and comes back', async () => {
    await rigCommand(['net-off', '2']);
    const left = rows().filter({ has: page.getByTestId('last-seen') });
    await expect.poll(() => left.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows().count()).toBe(3);
    expect(await left.textContent()).toMatch(/left, last seen \d\d:\d\d:\d\d/);
    await page.getByLabel('Filter boards').fill('left');
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByLabel('Filter boards').fill('');
    await page.screenshot({ path: screenshotPath('devices-board-left') });
    await rigCommand(['net-on', '2']);
    await expect.poll(() => left.count(), { timeout: 20_000 }).toBe(0);
    expect(await rows().count()).toBe(3);
  });

  it('moves between rows with the arrow keys, and forgets a board that left', async () => {
    await rows().first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = await rows().nth(2).textContent();
    expect(await page.locator('tr:focus').textContent()).toBe(third);
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('tr:focus').textContent()).toBe(await rows().nth(1).textContent());
    await rigCommand(['advert-off', '1']);
    const left = rows().filter({ has: page.getByTestId('last-seen') });
    await expect.poll(() => left.count(), { timeout: 15_000 }).toBe(1);
    await left.getByRole('button', { name: 'Forget' }).click();
    await expect.poll(() => rows().count()).toBe(2);
    await rigCommand(['advert-on', '1']);
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(3);
  });

  it('adds a board by hand and tells a mistyped name plainly', async () => {
    await page.getByLabel('Board address or host name').fill('no-such-board.invalid');
    await page.getByRole('button', { name: 'Add board' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('does not resolve');
    // Board 2 is listed over mDNS already: added by hand too, it stays one row, marked added.
    await page.getByLabel('Board address or host name').fill(rig.boards[2]?.address ?? '');
    await page.getByRole('button', { name: 'Add board' }).click();
    await expect
      .poll(() => rows().filter({ hasText: '(added)' }).count(), { timeout: 10_000 })
      .toBe(1);
    await settled(page, 3);
    expect(await rows().count()).toBe(3);
  });
});

describe('Devices pane with a test stand of boards', () => {
  const BOARDS = 100;
  let rig: Rig;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    rig = await rigUp(BOARDS, { engine: false, console: false, hostAvahi: false });
    serve = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(serve.url);
    await page.getByRole('tab', { name: /Devices/ }).click();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rigDown();
  }, 300_000);

  it(`lists ${BOARDS} boards while drawing only the rows in view, and stays responsive`, async () => {
    await page.getByLabel('Interfaces to browse on').fill('btv*');
    await page.getByRole('button', { name: 'Start browsing' }).click();
    // Every board on screen, nothing waiting to be applied, the browse request answered.
    await settled(page, BOARDS);
    await page
      .locator('form[aria-label="mDNS browsing"][aria-busy="false"]')
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('device-count').textContent()).toBe(`${BOARDS} boards`);
    expect(await page.getByTestId('browse-state').textContent()).toBe(
      `Browsing on ${BOARDS} interfaces (btv0, btv1, btv2 …)`,
    );
    expect(await page.getByRole('button', { name: 'Apply' }).isEnabled()).toBe(true);
    const drawn = await page.getByTestId('device-row').count();
    expect(drawn).toBeLessThan(BOARDS / 2);
    await page.getByRole('button', { name: /^Address/ }).click();
    await page.getByRole('button', { name: /^Address/ }).click();
    const last = rig.boards.at(-1);
    await expect
      .poll(() => page.getByTestId('device-row').first().textContent())
      .toContain(last?.address);
    await page.getByLabel('Filter boards').fill(last?.hostname ?? '');
    await expect.poll(() => page.getByTestId('device-row').count()).toBe(1);
    await page.getByLabel('Filter boards').fill('');
    await page.locator('.devices-scroll').hover();
    await page.mouse.wheel(0, 100_000);
    await expect
      .poll(() => page.getByTestId('device-row').last().textContent())
      .toContain(rig.boards[0]?.address);
    await page.screenshot({ path: screenshotPath('devices-100-boards') });
  });
});
