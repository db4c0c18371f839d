// SPDX-License-Identifier: Apache-2.0
// The UI shell in Debian's Chromium against the real `benchtop serve`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/chromium.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

describe('UI shell in Chromium', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('serves the page without the token, but it cannot connect', async () => {
    const response = await page.goto(serve.origin);
    expect(response?.status()).toBe(200);
    await expect
      .poll(() => page.getByTestId('connection-state').textContent())
      .toContain('disconnected');
  });

  it('opens the printed URL, drops the token from the address bar and connects', async () => {
    await page.goto(serve.url);
    await expect
      .poll(() => page.getByTestId('connection-state').textContent())
      .toContain('● connected');
    expect(page.url()).toBe(`${serve.origin}/`);
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('Benchtop 0.');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Flash');
    await page.screenshot({ path: screenshotPath('shell-flash') });
  });

  it('switches panes with the mouse', async () => {
    await page.getByRole('tab', { name: /Devices/ }).click();
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Devices');
    expect(await page.locator('#pane-devices').isVisible()).toBe(true);
    expect(await page.locator('#pane-flash').isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('shell-devices') });
  });

  it('switches panes with the keyboard: Alt+digit and arrow keys', async () => {
    await page.keyboard.press('Alt+3');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Consoles');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Push');
    await page.screenshot({ path: screenshotPath('shell-push') });
    await page.keyboard.press('Home');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Flash');
  });

  it('follows the system colour scheme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(dark).not.toBe(light);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath('shell-dark') });
  });
});
