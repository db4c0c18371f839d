// SPDX-License-Identifier: Apache-2.0
// The Devices pane showing the inventory, in Debian's Chromium against the real `benchtop
// serve` with a fresh home: 500 records imported from a CSV, no rig (none of them is heard).
// Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ContractClient } from '../../src/shared/client.js';
import { docsScreenshot, openPane, screenshotPath } from '../support/chromium.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/benchtop-cli.js';
import { standBoard, standBoards, standCsv } from '../support/inventory-stand.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

const RECORDS = 500;

describe(`Devices pane with an inventory of ${RECORDS} boards`, () => {
  let serve: ServeProcess;
  let client: ContractClient;
  let browser: Browser;
  let page: Page;

  const rows = () => page.getByTestId('device-row');
  const count = () => page.getByTestId('device-count').textContent();
  const filter = (text: string) => page.getByLabel('Filter boards').fill(text);

  beforeAll(async () => {
    serve = await startServe();
    client = await connectWs(serve.port, serve.token);
    const imported = await client.call('inventory.import', {
      format: 'csv',
      text: standCsv(RECORDS),
      source: 'stand.csv',
    });
    expect(imported).toEqual({ added: RECORDS, updated: 0 });
    ({ browser, page } = await openPane(serve.url, /Devices/, { width: 1280, height: 800 }));
  });
  afterAll(async () => {
    client?.close();
    await browser?.close();
    await serve?.stop();
  });

  it('lists every record, offline and never seen, drawing only the rows in view', async () => {
    await page
      .locator(`section.devices[data-settled="true"][data-boards="${RECORDS}"]`)
      .waitFor({ timeout: 30_000 });
    expect(await count()).toBe(`${RECORDS} boards`);
    expect(await rows().count()).toBeLessThan(RECORDS / 5);
    const first = standBoard(0);
    const row = rows().filter({ hasText: first.hostname });
    expect(await row.textContent()).toContain('unseen');
    expect(await row.textContent()).toContain('never seen');
    expect(await row.getByTestId('location').textContent()).toBe(`${first.crate}/${first.slot}`);
    expect(await row.textContent()).toContain('arch=arm64');
    expect(await row.textContent()).toContain('usb-adapter-0');
  });

  it('filters by a label and by a slot, in the inventory filter syntax', async () => {
    const flaky = standBoards(RECORDS).filter((b) => b.labels.includes('flaky'));
    await filter('label=flaky');
    await expect.poll(count).toBe(`${flaky.length} of ${RECORDS} boards`);
    expect((await rows().allTextContents()).map((t) => /stand-\d+/.exec(t)?.[0])).toEqual(
      flaky.map((b) => b.hostname),
    );
    await filter('slot=7');
    await expect.poll(count).toBe(`5 of ${RECORDS} boards`);
    const crates = await rows().getByTestId('location').allTextContents();
    expect(crates.sort()).toEqual(['A/7', 'B/7', 'C/7', 'D/7', 'E/7']);
    await filter('slot=7 crate=C');
    await expect.poll(count).toBe(`1 of ${RECORDS} boards`);
    await filter('colour=red');
    await expect
      .poll(() => page.getByTestId('filter-error').textContent())
      .toMatch(/unknown key; use hostname/);
    await filter('');
    await expect.poll(count).toBe(`${RECORDS} boards`);
  });

  it('shows a label set by another client without a reload', async () => {
    const board = standBoard(3);
    await client.call('inventory.label', { name: board.hostname, add: ['owner=ci-bot'] });
    const row = rows().filter({ hasText: board.hostname });
    await expect.poll(() => row.textContent()).toContain('owner=ci-bot');
    await filter('label=owner');
    await expect.poll(count).toBe(`1 of ${RECORDS} boards`);
    await filter('');
    await page.screenshot({ path: docsScreenshot('devices-inventory') });
  });

  it("opens a board's page with its history, and sets its location and labels there", async () => {
    const board = standBoard(3);
    await rows().filter({ hasText: board.hostname }).click();
    const detail = page.getByRole('region', { name: `Record of ${board.hostname}` });
    const history = detail.getByRole('table', { name: 'History' });
    await expect.poll(() => history.textContent()).toContain('labelled');
    expect(await history.textContent()).toContain('imported');
    expect(await detail.textContent()).toContain(board.uuid);

    await detail.getByLabel('Slot').fill('42');
    await detail.getByRole('button', { name: 'Save location' }).click();
    const row = rows().filter({ hasText: board.hostname });
    await expect.poll(() => row.getByTestId('location').textContent()).toBe(`${board.crate}/42`);
    await expect.poll(() => history.textContent()).toContain('located');

    await detail.getByLabel('New label').fill('burn-in=done');
    await detail.getByRole('button', { name: 'Add label' }).click();
    await expect.poll(() => row.textContent()).toContain('burn-in=done');
    await detail.getByRole('button', { name: 'Remove label owner=ci-bot' }).click();
    await expect.poll(() => row.textContent()).not.toContain('owner=ci-bot');
    const record = await client.call('inventory.board', { name: board.hostname });
    expect(record.board.location.slot).toBe('42');
    expect(record.board.labels).toContain('burn-in=done');
    expect(record.board.labels).not.toContain('owner=ci-bot');
    await page.screenshot({ path: screenshotPath('devices-inventory-record'), fullPage: true });
  });

  it('shows boards imported by the CLI in its own process, which writes the file directly', async () => {
    // `inventory import` never goes through the running server: its engine hears the file change.
    const file = join(serve.home, 'more.csv');
    writeFileSync(
      file,
      `uuid,hostname,crate,slot,labels\n${'ab'.repeat(16)},late-board,F,1,cli-import\n`,
    );
    const run = await runCli(['inventory', 'import', file, '--json'], serve.home);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    await filter('label=cli-import');
    await expect.poll(count).toBe(`1 of ${RECORDS + 1} boards`);
    expect(await rows().first().textContent()).toContain('late-board');
    await filter('');
  });
});
