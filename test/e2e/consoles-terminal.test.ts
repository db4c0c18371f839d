// SPDX-License-Identifier: Apache-2.0
// The terminal of the Consoles pane in Chromium, on rig gettys: every underscore drawn at every
// text size and theme, the keys that lead out of the terminal, Ctrl-F and Ctrl-+/−, the log
// dialog (plain text, under Benchtop's logs folder), a reload keeping the consoles, and four
// consoles side by side at 1280x800. Needs `npm run build` first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rigDown, rigUp, type Rig } from '../rig/index.js';
import { docsScreenshot, openPane, screenshotPath } from '../support/chromium.js';
import { inkInCell, logIn, panelText } from '../support/console-page.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

describe('Consoles pane terminal in Chromium', () => {
  let rig: Rig;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let panel: Locator;
  const consolePath = (index: number): string => rig.boards[index]?.consolePath ?? '';
  const paneTab = () =>
    page.getByRole('tablist', { name: 'Benchtop' }).getByRole('tab', { selected: true });

  const openPort = async (path: string): Promise<Locator> => {
    await page.getByLabel('Port', { exact: true }).fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const opened = page.getByRole('region', { name: `Console ${path}` });
    await expect.poll(() => opened.getByTestId('console-state').textContent()).toBe('connected');
    return opened;
  };
  const run = async (command: string, expected: RegExp): Promise<void> => {
    await panel.getByTestId('console-terminal').click();
    await page.keyboard.type(command);
    await page.keyboard.press('Enter');
    await expect.poll(() => panelText(panel), { timeout: 15_000 }).toMatch(expected);
  };

  beforeAll(async () => {
    rig = await rigUp(4, { engine: false, hostAvahi: false });
    serve = await startServe();
    ({ browser, page } = await openPane(serve.url, /Consoles/, { width: 1280, height: 800 }));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rigDown();
  });

  it('opens a rig console and logs in by typing', async () => {
    panel = await openPort(consolePath(0));
    await logIn(page, panel, rig);
    expect(await panelText(panel)).toMatch(/\$\s*$/m);
  });

  it('draws the underscore of `a_b` at every text size from 8 to 32 px, dark and light', async () => {
    await run('echo a_b', /^a_b\s*$/m);
    const size = page.getByTestId('font-size');
    const missing: string[] = [];
    for (const theme of ['dark', 'light'] as const) {
      await page.getByLabel('Theme').selectOption(theme);
      await panel.getByTestId('console-terminal').click();
      // Ctrl+− down to the smallest size, then Ctrl+= up to the largest, checking each.
      for (let i = 0; i < 30; i++) await page.keyboard.press('Control+Minus');
      await expect.poll(() => size.textContent()).toBe('8');
      for (let px = 8; px <= 32; px++) {
        if (px > 8) await page.keyboard.press('Control+Equal');
        await expect.poll(() => size.textContent()).toBe(String(px));
        // xterm redraws on the next animation frame.
        await page.evaluate(
          'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))',
        );
        const ink = await inkInCell(page, `Console ${consolePath(0)}`, 'a_b', 1, theme);
        if (ink === 0) missing.push(`${theme} ${px}px`);
      }
      await page.keyboard.press('Control+0');
      await expect.poll(() => size.textContent()).toBe('14');
    }
    expect(missing).toEqual([]);
    await page.getByLabel('Theme').selectOption('dark');
  }, 240_000);

  it('lets the pane shortcuts and F6 out of the terminal; Tab and Esc still go to the board', async () => {
    await panel.getByTestId('console-terminal').click();
    await page.keyboard.type('echo keys');
    // Alt+2 shows Devices (readline would have taken it as `(arg: 2)`), Alt+3 comes back.
    await page.keyboard.press('Alt+2');
    expect(await paneTab().textContent()).toContain('Devices');
    await page.keyboard.press('Alt+3');
    expect(await paneTab().textContent()).toContain('Consoles');
    await panel.getByTestId('console-terminal').click();
    // Tab still completes on the board: `/et` becomes `/etc/`.
    await page.keyboard.type('-ok /et');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => panelText(panel), { timeout: 15_000 }).toMatch(/^keys-ok \/etc\/\s*$/m);
    expect(await panelText(panel)).not.toContain('(arg:');
    await panel.getByTestId('console-terminal').click();
    await page.keyboard.press('F6');
    expect(await page.evaluate<string>('document.activeElement.className')).toBe('terminal-header');
  });

  it('searches the output with Ctrl+F', async () => {
    await panel.getByTestId('console-terminal').click();
    await page.keyboard.press('Control+f');
    const search = panel.getByLabel('Search the output');
    await expect
      .poll(() => page.evaluate<string | null>("document.activeElement.getAttribute('aria-label')"))
      .toBe('Search the output');
    await search.fill('keys-ok');
    await search.press('Enter');
    await expect.poll(() => panel.getByTestId('search-found').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('consoles-search') });
    await search.press('Escape');
    await expect.poll(() => search.count()).toBe(0);
  });

  it('logs plain text to a file named in an in-page dialog, under the logs folder', async () => {
    await panel.getByRole('button', { name: /^Menu of/ }).click();
    await panel.getByRole('menuitem', { name: 'Log…' }).click();
    const dialog = page.getByRole('dialog', { name: `Log ${consolePath(0)}` });
    await dialog.getByLabel('Log file name').fill('board0.log');
    await expect.poll(() => dialog.textContent()).toContain(join(serve.home, 'logs'));
    await page.screenshot({ path: screenshotPath('consoles-log-dialog') });
    await dialog.getByRole('button', { name: 'Start logging' }).click();
    await expect.poll(() => panel.getByTestId('console-log').count()).toBe(1);
    await run(`printf '\\033[31mred-%s\\033[0m\\n' text`, /^red-text\s*$/m);
    const file = join(serve.home, 'logs', 'board0.log');
    await expect.poll(() => readFileSync(file, 'utf8')).toMatch(/ red-text\n/);
    const log = readFileSync(file, 'utf8');
    expect(log).not.toContain('\x1b');
    expect(log).not.toContain('\r');
    expect(await panel.getByTestId('console-log').getAttribute('title')).toContain(
      'for a Benchtop window',
    );
    await panel.getByRole('button', { name: /^Menu of/ }).click();
    await panel.getByRole('menuitem', { name: 'Stop log' }).click();
    await expect.poll(() => panel.getByTestId('console-log').count()).toBe(0);
  });

  it('a reload shows the same consoles again, with their output', async () => {
    const ws = await connectWs(serve.port, serve.token);
    const [before] = await ws.call('console.list', {});
    await page.reload();
    await page.getByRole('tab', { name: /Consoles/ }).click();
    panel = page.getByRole('region', { name: `Console ${consolePath(0)}` });
    await expect.poll(() => panelText(panel), { timeout: 10_000 }).toMatch(/^keys-ok \/etc\/\s*$/m);
    const [after] = await ws.call('console.list', {});
    expect(after?.id).toBe(before?.id);
    ws.close();
  });

  it('shows four consoles side by side at 1280x800, each with at least 20 rows', async () => {
    for (const index of [1, 2, 3]) {
      const opened = await openPort(consolePath(index));
      await opened.getByTestId('console-terminal').click();
      await page.keyboard.press('Enter');
      await expect.poll(() => panelText(opened), { timeout: 15_000 }).toMatch(/login:\s*$/m);
    }
    await page.getByRole('button', { name: 'Side by side' }).click();
    const panels = page.locator('.terminal-panel:visible');
    await expect.poll(() => panels.count()).toBe(4);
    await run('uname -a; echo x86_64 PREEMPT_DYNAMIC', /^x86_64 PREEMPT_DYNAMIC\s*$/m);
    for (let i = 0; i < 4; i++) {
      await expect
        .poll(() => panels.nth(i).locator('.xterm-rows > div').count())
        .toBeGreaterThanOrEqual(20);
    }
    await page.screenshot({ path: docsScreenshot('consoles') });
  }, 120_000);
});
