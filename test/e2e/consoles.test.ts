// SPDX-License-Identifier: Apache-2.0
// The Consoles pane in Debian's Chromium, against the real `benchtop serve` and a rig getty:
// open the port, log in and run a command by typing into xterm.js, read the output back; share,
// tie (in-page dialog), side by side, close. consoles-terminal.test.ts: the terminal itself.
// Needs `npm run build` first (serve runs the built CLI and serves the built renderer).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rigCommand, rigDown, rigUp, type Rig } from '../rig/index.js';
import { openPane, screenshotPath } from '../support/chromium.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

describe('Consoles pane in Chromium', () => {
  let rig: Rig;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let port: string;

  const terminalText = (): Promise<string> =>
    page.locator('.terminal-panel .xterm-rows').first().innerText();

  beforeAll(async () => {
    rig = await rigUp(2, { engine: false, hostAvahi: false });
    port = rig.boards[0]?.consolePath ?? '';
    if (!port) throw new Error('the rig board has no console');
    serve = await startServe();
    ({ browser, page } = await openPane(serve.url, /Consoles/, { width: 1280, height: 860 }));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rigDown();
  });

  it('says what it will show and how to start while no console is open', async () => {
    const text = await page.locator('#pane-consoles').textContent();
    expect(text).toContain('Pick a port');
    // The machine's own ports (ttyS*) are listed with their identity columns; ptys are not.
    await expect
      .poll(() => page.getByRole('table', { name: 'Serial ports' }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.getByTestId('port-row').allTextContents()).not.toContain(port);
    await page.screenshot({ path: screenshotPath('consoles-empty') });
  });

  it('opens a rig console, logs in and runs a command typed into the terminal', async () => {
    await page.getByLabel('Port', { exact: true }).fill(port);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('console-state').textContent()).toBe('connected');

    await page.getByTestId('console-terminal').click();
    await page.keyboard.press('Enter');
    await expect.poll(terminalText, { timeout: 15_000 }).toMatch(/login:\s*$/m);
    await page.keyboard.type(rig.user);
    await page.keyboard.press('Enter');
    await expect.poll(terminalText, { timeout: 15_000 }).toMatch(/Password:\s*$/m);
    await page.keyboard.type(readFileSync(rig.passwordFile, 'utf8').trim());
    await page.keyboard.press('Enter');
    await expect.poll(terminalText, { timeout: 15_000 }).toMatch(/\$\s*$/m);

    await page.keyboard.type('echo from-chromium-$((6*7)); uname -n');
    await page.keyboard.press('Enter');
    await expect.poll(terminalText, { timeout: 15_000 }).toMatch(/^from-chromium-42\s*$/m);
    expect(await terminalText()).toContain(rig.boards[0]?.hostname ?? '?');
    await page.screenshot({ path: screenshotPath('consoles-live') });
  });

  it('shares the port with another viewer, and shows the gap when the pty goes away', async () => {
    const other = await connectWs(serve.port, serve.token);
    const joined = await other.call('console.open', { path: port });
    expect(joined.viewers).toBe(2);
    await other.call('console.write', {
      sessionId: joined.id,
      data: 'echo from-the-other-viewer\r',
    });
    await expect.poll(terminalText, { timeout: 15_000 }).toMatch(/^from-the-other-viewer\s*$/m);

    await rigCommand(['console-break', '0']);
    await expect
      .poll(() => page.getByTestId('console-state').textContent(), { timeout: 15_000 })
      .toBe('waiting for the port');
    await page.screenshot({ path: screenshotPath('consoles-waiting') });
    await rigCommand(['console-restore', '0']);
    await expect
      .poll(() => page.getByTestId('console-state').textContent(), { timeout: 20_000 })
      .toBe('connected');
    await expect.poll(terminalText).toMatch(/is back at [\s\S]*was lost/);
    await other.call('console.close', { sessionId: joined.id });
    other.close();
  });

  it('ties a port to a known board in an in-page dialog, and shows two consoles side by side', async () => {
    const second = rig.boards[1];
    if (!second?.consolePath) throw new Error('the rig has no second console');
    const ws = await connectWs(serve.port, serve.token);
    // A board Benchtop knows (added by hand here; found over mDNS on a real bench).
    const known = await ws.call('devices.add', { address: second.address });
    ws.close();

    await page.getByLabel('Port', { exact: true }).fill(second.consolePath);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const panel = page.getByRole('region', { name: `Console ${second.consolePath}` });
    await panel.getByRole('button', { name: /^Menu of/ }).click();
    await panel.getByRole('menuitem', { name: 'Tie to board…' }).click();
    const dialog = page.getByRole('dialog', { name: `Tie ${second.consolePath} to a board` });
    await expect.poll(() => dialog.getByRole('option').allTextContents()).toContain(known.name);
    // The filter narrows the list; a name no one knows would be offered as typed.
    await dialog.getByLabel('Filter boards').fill('no-such-board');
    await expect.poll(() => dialog.getByRole('option').count()).toBe(0);
    await dialog.getByLabel('Filter boards').fill(known.name.slice(0, 6));
    await dialog.getByRole('option', { name: known.name }).click();
    await page.screenshot({ path: screenshotPath('consoles-tie-dialog') });
    await dialog.getByRole('button', { name: `Tie to ${known.name}` }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('console-board').allTextContents())
      .toContain(`board ${known.name}`);
    await expect.poll(() => page.getByRole('tab', { name: known.name }).count()).toBe(1);

    await page.getByRole('button', { name: 'Side by side' }).click();
    await expect.poll(() => page.locator('.terminal-panel:visible').count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('console-state').allTextContents())
      .toEqual(['connected', 'connected']);
    await panel.getByTestId('console-terminal').click();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => panel.locator('.xterm-rows').innerText(), { timeout: 15_000 })
      .toMatch(new RegExp(`${second.hostname} login:`));
    await page.screenshot({ path: screenshotPath('consoles-side-by-side') });
  });

  it('closing a console others watch only leaves it; closing the page leaves them all', async () => {
    const second = rig.boards[1];
    if (!second?.consolePath) throw new Error('the rig has no second console');
    const ws = await connectWs(serve.port, serve.token);
    const joined = await ws.call('console.open', { path: second.consolePath });
    expect(joined.viewers).toBe(2);
    await page.getByRole('button', { name: `Close Console ${second.consolePath}` }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Show / }).count()).toBe(1);
    const [stillOpen] = (await ws.call('console.list', {})).filter((s) => s.id === joined.id);
    expect(stillOpen?.viewers).toBe(1);
    await ws.call('console.close', { sessionId: joined.id });

    // A page that goes keeps its consoles a few seconds (a reload comes back to them), no more.
    await page.close();
    await expect
      .poll(async () => (await ws.call('console.list', {})).length, { timeout: 15_000 })
      .toBe(0);
    ws.close();
  });
});
