// SPDX-License-Identifier: Apache-2.0
// The console grid in Debian's Chromium against the real `benchtop serve` and 12 rig gettys:
// open the ports tied to the boards an inventory filter matches, log all twelve in at once by
// broadcast, then broadcast a command to four and check (over the API) that exactly those four
// ran it; log every console to one folder, a file per board.
// Needs `npm run build` first (serve runs the built CLI and serves the built renderer).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContractClient } from '../../src/shared/client.js';
import { rigDown, rigUp, type Rig, type RigBoard } from '../rig/index.js';
import { docsScreenshot, openPane } from '../support/chromium.js';
import { panelText } from '../support/console-page.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

const BOARDS = 12;
const LABEL = 'gridtest';

describe('Console grid in Chromium', () => {
  let rig: Rig;
  let serve: ServeProcess;
  let ws: ContractClient;
  let browser: Browser;
  let page: Page;

  const panel = (board: RigBoard) =>
    page.getByRole('region', { name: `Console ${board.consolePath ?? '?'}`, exact: true });
  /** Waits until every console's screen ends with the prompt. */
  const allShow = async (prompt: RegExp): Promise<void> => {
    for (const board of rig.boards) {
      await expect.poll(() => panelText(panel(board)), { timeout: 20_000 }).toMatch(prompt);
    }
  };
  /** What a board's console received, as the engine keeps it (not as the page drew it). */
  const history = async (board: RigBoard): Promise<string> => {
    const session = (await ws.call('console.list', {})).find((s) => s.path === board.consolePath);
    if (!session) throw new Error(`no console is open on ${board.consolePath ?? '?'}`);
    const { data } = await ws.call('console.history', { sessionId: session.id });
    return Buffer.from(data, 'base64').toString('utf8');
  };

  beforeAll(async () => {
    rig = await rigUp(BOARDS, { engine: false, hostAvahi: false });
    serve = await startServe();
    ws = await connectWs(serve.port, serve.token);
    for (const board of rig.boards) {
      if (!board.consolePath) throw new Error(`rig board ${board.hostname} has no console`);
      await ws.call('ports.tie', { path: board.consolePath, board: board.hostname });
      // The tie makes the board's inventory record a moment later.
      await vi.waitFor(() => ws.call('inventory.label', { name: board.hostname, add: [LABEL] }), {
        timeout: 10_000,
      });
    }
    ({ browser, page } = await openPane(serve.url, /Consoles/, { width: 1280, height: 800 }));
  }, 180_000);

  afterAll(async () => {
    ws?.close();
    await browser?.close();
    await serve?.stop();
    await rigDown();
  });

  it('opens the tied ports of the boards a filter matches as a grid of tiles', async () => {
    await page.getByRole('button', { name: 'Grid…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a console grid' });
    await dialog.getByLabel('Boards filter').fill(`label=${LABEL}`);
    await expect
      .poll(() => dialog.getByTestId('grid-matched').textContent())
      .toBe(`${BOARDS} boards match, ${BOARDS} with a tied port.`);
    await dialog.getByRole('button', { name: `Open ${BOARDS} consoles` }).click();
    // A console that did not open keeps the dialog up with the reason, which a failure shows.
    await expect
      .poll(async () =>
        (await dialog.count()) === 0
          ? 'closed'
          : (await dialog.getByRole('alert').allTextContents()).join(' ') || 'open',
      )
      .toBe('closed');
    await expect.poll(() => page.locator('.layout-grid .terminal-panel:visible').count()).toBe(12);
    await expect
      .poll(() => page.getByTestId('console-state').allTextContents(), { timeout: 15_000 })
      .toEqual(Array<string>(BOARDS).fill('connected'));
    // Each tile is titled by its board.
    const names = await page.locator('.layout-grid .console-name').allTextContents();
    expect(names.sort()).toEqual(rig.boards.map((b) => b.hostname).sort());
    // Broadcast is off until asked for.
    expect(await page.getByTestId('broadcast-badge').count()).toBe(0);
  });

  it('types into the ticked consoles only while broadcasting', async () => {
    await page.getByLabel('Broadcast typing').check();
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('broadcast-banner').textContent())
      .toContain(`BROADCAST to ${BOARDS} of ${BOARDS}`);
    // One login typed once, into all twelve gettys.
    const [first] = rig.boards;
    if (!first) throw new Error('no board');
    await panel(first).getByTestId('console-terminal').click();
    await page.keyboard.press('Enter');
    await allShow(/login:\s*$/m);
    await page.keyboard.type(rig.user);
    await page.keyboard.press('Enter');
    await allShow(/Password:\s*$/m);
    await page.keyboard.type(readFileSync(rig.passwordFile, 'utf8').trim());
    await page.keyboard.press('Enter');
    await allShow(/\$\s*$/m);

    await page.getByRole('button', { name: 'None', exact: true }).click();
    const chosen = rig.boards.filter((_, i) => i % 3 === 0);
    for (const board of chosen) await page.getByLabel(`Broadcast to ${board.hostname}`).check();
    await expect.poll(() => page.getByTestId('broadcast-badge').count()).toBe(chosen.length);
    expect(await page.getByTestId('broadcast-badge').first().textContent()).toBe(
      `BROADCAST to ${chosen.length}`,
    );
    // Typed into a ticked console that is not the first.
    await panel(chosen[1] ?? first)
      .getByTestId('console-terminal')
      .click();
    await page.keyboard.type('echo bc-$((6*7))');
    await page.keyboard.press('Enter');
    for (const board of chosen) {
      await expect.poll(() => history(board), { timeout: 15_000 }).toMatch(/^bc-42\s*$/m);
    }
    for (const board of rig.boards.filter((b) => !chosen.includes(b))) {
      expect(await history(board)).not.toContain('bc-');
    }
    await page.screenshot({ path: docsScreenshot('consoles-grid') });
  });

  it('logs every console of the grid to one folder, a file per board, and stops them all', async () => {
    const { folder: logs } = await ws.call('console.logsFolder', {});
    const folder = `grid-e2e-${process.pid}`;
    await page.getByRole('button', { name: 'Log all to folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log all consoles to a folder' });
    await dialog.getByLabel('Log folder').fill(folder);
    await dialog.getByRole('button', { name: `Log ${BOARDS} consoles` }).click();
    await expect.poll(() => page.getByTestId('console-log').count()).toBe(BOARDS);
    await expect
      .poll(() => readdirSync(join(logs, folder)).sort())
      .toEqual(rig.boards.map((b) => `${b.hostname}.log`).sort());
    await page.getByRole('button', { name: `Stop all logs (${BOARDS})` }).click();
    await expect.poll(() => page.getByTestId('console-log').count()).toBe(0);
  });
});
