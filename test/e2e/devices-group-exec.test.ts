// SPDX-License-Identifier: Apache-2.0
// Group actions from the Devices pane, in Debian's Chromium against the real `benchtop serve`:
// three rig boards put in the inventory by a CSV and heard over mDNS, selected by the filter, a
// command run on them over ssh where one board fails; results live per board, the summary, and
// the JSON export. Root and the rig's tools; run under the rig lock, after `npm run build`.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rigDown, rigUp, type Rig } from '../rig/index.js';
import { docsScreenshot, openPane } from '../support/chromium.js';
import { groupResults, selectShown } from '../support/group-pane.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { rigStand } from '../support/rig-stand.js';

let rig: Rig;
let serve: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  rig = await rigUp(3, { engine: false, console: false, hostAvahi: false });
  process.env['BENCHTOP_SSH_KEY'] = rig.sshKey;
  serve = await startServe();
  await rigStand(serve, rig, 'G');
  ({ browser, page } = await openPane(serve.url, /Devices/, { width: 1280, height: 800 }));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await rigDown();
}, 150_000);

describe('Devices pane: a command run on a group of boards', () => {
  it('runs over ssh on the boards selected, live per board, one failing alone; exports JSON', async () => {
    const names = rig.boards.map((b) => b.hostname);
    const failing = names[2] ?? '';
    await selectShown(page, 'crate=G', 3);

    await page.getByRole('button', { name: 'Run command…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run a command on 3 boards' });
    // One board at a time, each taking a second: the first result is on screen before the last
    // board has started.
    await dialog.getByLabel('Command').fill(`sleep 1; hostname; [ "$(hostname)" != "${failing}" ]`);
    await dialog.getByLabel('Boards at once').fill('1');
    await dialog.getByRole('button', { name: 'Run' }).click();

    const { region: results, row } = groupResults(page);
    await expect
      .poll(async () => ({
        first: await row(names[0] ?? '').getAttribute('data-state'),
        last: await row(failing).getAttribute('data-state'),
        finished: await results.getAttribute('data-finished'),
      }))
      .toEqual({ first: 'ok', last: 'waiting', finished: 'false' });

    await expect
      .poll(() => results.getAttribute('data-finished'), { timeout: 30_000 })
      .toBe('true');
    expect(await page.getByTestId('group-summary').textContent()).toBe(
      `2 of 3 succeeded; failed: ${failing}`,
    );
    for (const name of names) {
      const cells = await row(name).locator('td').allTextContents();
      expect(cells.slice(0, 3)).toEqual([
        name,
        name === failing ? 'failed' : 'ok',
        name === failing ? '1' : '0',
      ]);
    }
    await row(failing).locator('summary').click();
    expect(await row(failing).locator('pre').textContent()).toBe(`${failing}\n`);
    await page.screenshot({ path: docsScreenshot('devices-group-exec') });

    const download = page.waitForEvent('download');
    await results.getByRole('button', { name: 'Export JSON' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      state: string;
      boards: { board: string; state: string; status: number | null; output: string }[];
    };
    // A group where one board failed ends failed, every board's result kept.
    expect(exported.state).toBe('failed');
    expect(exported.boards.map((b) => [b.board, b.state, b.status, b.output])).toEqual(
      names.map((name) => [
        name,
        name === failing ? 'failed' : 'ok',
        name === failing ? 1 : 0,
        `${name}\n`,
      ]),
    );
  }, 120_000);
});
