// SPDX-License-Identifier: Apache-2.0
// The Push pane in Debian's Chromium, against the real `benchtop serve` and one rig board: the
// CERN-shaped project chosen by typing its path (completed by the engine), the board by its
// address, pushed, its build output per service, its result and its logs; then the board's
// services in the Devices pane, one restarted. Needs `npm run build` first and root for the rig.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RigBoard, rigDown, rigUpOneBoard } from '../rig/index.js';
import { launchChromium } from '../support/chromium.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const fixture = fileURLToPath(new URL('../fixtures/push/cern', import.meta.url));
const screenshot = (name: string): string =>
  fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url));
const SERVICES = ['frontend', 'proxy', 'data', 'hello'];

/** One attribute of every element a locator matches, in page order. */
const attributes = async (items: Locator, name: string): Promise<(string | null)[]> =>
  Promise.all((await items.all()).map((item) => item.getAttribute(name)));

describe('Push pane in Chromium (rig board)', () => {
  let board: RigBoard;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const pane = () => page.locator('#pane-push');

  beforeAll(async () => {
    board = await rigUpOneBoard();
    serve = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1200 } });
    await page.goto(serve.url);
    await page.getByRole('tab', { name: /Push/ }).click();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rigDown();
  }, 120_000);

  it('completes the folder path from the engine and shows the project for the board', async () => {
    const field = pane().getByRole('combobox', { name: 'Project folder' });
    await field.fill(`${dirname(fixture)}/ce`);
    const option = pane().getByRole('option', { name: 'cern/' });
    await option.waitFor();
    await field.press('Tab');
    await expect.poll(() => field.inputValue()).toBe(`${fixture}/`);
    // The folder's own entries are offered next: folders first, then its files.
    await pane().getByRole('option', { name: 'docker-compose.yml' }).waitFor();
    expect(await pane().getByRole('option').first().textContent()).toBe('data/');
    await field.press('Enter');

    expect(board.address).toBe('10.231.0.2');
    await pane().getByLabel('Board address').fill(board.address);
    await pane().getByRole('button', { name: 'Add board' }).click();

    const summary = pane().getByRole('region', { name: 'Project summary' });
    await summary.waitFor({ timeout: 20_000 });
    // The summary for the board chosen (its arch fills the template values), not an earlier one.
    await pane()
      .locator('section[aria-labelledby="push-summary-title"][aria-busy="false"]')
      .waitFor();
    const rows = summary.getByTestId('service-row');
    expect(await attributes(rows, 'data-service')).toEqual(SERVICES);
    for (const service of SERVICES) {
      const text = await summary.locator(`[data-service="${service}"]`).textContent();
      expect(text).toMatch(/Dockerfile\.template\s*template/);
    }
    const values = await summary.getByTestId('template-value').allTextContents();
    expect(values).toContain('RESIN_MACHINE_NAME=generic-amd64');
    expect(values).toContain('BALENA_SERVICE_NAME=hello');
    expect(await summary.getByTestId('context-size').textContent()).toMatch(/\d+(\.\d)? (B|kB)/);
  }, 120_000);

  it('pushes, streaming each service’s build, then the board’s result', async () => {
    await pane().getByRole('button', { name: 'Push to 1 board' }).click();
    const state = pane().getByTestId('push-state');
    await pane()
      .locator(
        '[data-testid="push-state"]:not([data-state="running"]):not([data-state="starting"])',
      )
      .waitFor({ timeout: 240_000 });
    expect(await state.getAttribute('data-state')).toBe('succeeded');
    for (const service of SERVICES) {
      const output = pane().locator(
        `[data-testid="build-output"][data-board="${board.address}"][data-service="${service}"]`,
      );
      expect(await output.textContent()).toMatch(/Step 1\//);
    }
    const result = pane().locator(`[data-testid="board-result"][data-board="${board.address}"]`);
    expect(await result.getAttribute('data-state')).toBe('succeeded');
    const items = result.locator('li[data-service]');
    const services = await attributes(items, 'data-service');
    const outcomes = await attributes(items, 'data-outcome');
    // Created on a fresh board; replaced where an earlier run left this project's containers.
    expect(services.sort()).toEqual([...SERVICES].sort());
    for (const outcome of outcomes) expect(outcome).toMatch(/^(created|replaced)$/);
  }, 300_000);

  it('follows the logs of every pushed service, each prefixed by its service', async () => {
    const logs = pane().locator(`[data-testid="board-logs"][data-board="${board.address}"]`);
    await page
      .locator(`[data-testid="board-logs"][data-board="${board.address}"][data-state="following"]`)
      .waitFor({ timeout: 20_000 });
    for (const service of SERVICES) {
      await logs
        .locator(`[data-testid="log-line"][data-service="${service}"]`)
        .first()
        .waitFor({ timeout: 30_000 });
    }
    const hello = await logs
      .locator('[data-testid="log-line"][data-service="hello"]')
      .allTextContents();
    expect(hello.join('\n')).toMatch(/\[hello\] Hello from generic-amd64 \(amd64\)/);
    expect(await logs.getAttribute('data-state')).toBe('following');
    // The shot shows the push's end: its output, its result and the logs below them.
    await pane().getByTestId('push-state').hover();
    await page.mouse.wheel(0, 10_000);
    await page.screenshot({ path: screenshot('push') });
  });

  it('lists the pushed services in the board’s detail in Devices, and restarts one', async () => {
    await page.getByRole('tab', { name: /Devices/ }).click();
    const devices = page.locator('#pane-devices');
    await devices.getByLabel('Board address or host name').fill(board.address);
    await devices.getByRole('button', { name: 'Add board' }).click();
    await devices.getByTestId('device-row').filter({ hasText: board.address }).click();
    const detail = devices.getByRole('region', { name: /^Board / });
    const table = detail.getByRole('table', { name: 'Services' });
    await table.locator('[data-testid="board-service"]').nth(3).waitFor({ timeout: 15_000 });
    const names = await attributes(table.getByTestId('board-service'), 'data-service');
    expect(names.sort()).toEqual([...SERVICES].sort());
    const hello = table.locator('[data-testid="board-service"][data-service="hello"]');
    expect(await hello.getAttribute('data-state')).toBe('running');
    const startedBefore = await hello.getByTestId('service-started').textContent();

    await detail.getByRole('button', { name: 'Restart hello' }).click();
    await expect
      .poll(() => hello.getByTestId('service-started').textContent(), { timeout: 20_000 })
      .not.toBe(startedBefore);
    await table
      .locator('[data-testid="board-service"][data-service="hello"][data-state="running"]')
      .and(table.locator('[aria-busy="false"]'))
      .waitFor();
    // The detail's container list catches up on its own refresh: the shot shows hello running.
    await detail
      .getByRole('table', { name: 'Containers' })
      .getByRole('row')
      .filter({ hasText: /cern_hello_.*running/ })
      .waitFor();
    await page.screenshot({ path: screenshot('devices-services'), fullPage: true });
  });

  it('opens the Push pane from a board, with the board chosen and its logs shown', async () => {
    const detail = page.locator('#pane-devices').getByRole('region', { name: /^Board / });
    await detail.getByRole('button', { name: 'Show logs' }).click();
    await expect
      .poll(() => page.getByRole('tab', { selected: true }).textContent())
      .toContain('Push');
    const chosen = pane().getByRole('checkbox', { checked: true });
    expect(await chosen.count()).toBe(1);
    const logs = pane().locator(`[data-testid="board-logs"][data-board="${board.address}"]`);
    await logs
      .locator('[data-testid="log-line"][data-service="hello"]')
      .first()
      .waitFor({ timeout: 20_000 });
  });

  it('says which board failed and why when an address does not answer, and stops the logs', async () => {
    const dead = '10.231.0.99';
    await pane()
      .getByRole('checkbox', { name: new RegExp(board.address) })
      .uncheck();
    await pane().getByLabel('Board address').fill(dead);
    await pane().getByRole('button', { name: 'Add board' }).click();
    await pane()
      .locator('section[aria-labelledby="push-summary-title"][aria-busy="false"]')
      .waitFor();
    // The folder is still read, with generic values, and the summary says why.
    expect(await pane().getByTestId('service-row').count()).toBe(4);
    const step = pane().locator('section[aria-labelledby="push-summary-title"]');
    expect(await step.getByRole('alert').textContent()).toContain(dead);
    await pane().getByRole('button', { name: 'Push to 1 board' }).click();
    await pane()
      .locator('[data-testid="push-state"][data-state="failed"]')
      .waitFor({ timeout: 30_000 });
    const task = pane().locator(`[data-testid="push-board"][data-board="${dead}"]`);
    expect(await task.getByTestId('board-task').getAttribute('data-state')).toBe('failed');
    expect(await task.getByRole('alert').textContent()).toContain(dead);
    expect(await pane().getByRole('region', { name: 'Logs' }).count()).toBe(0);
  });
});
