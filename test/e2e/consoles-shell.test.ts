// SPDX-License-Identifier: Apache-2.0
// Terminals into a board's container and host OS, opened from its detail in Devices
// ("Terminal: Host OS / web …"), in the Consoles pane beside the board's serial console: the
// same terminal (tabs, side by side, search). Chromium against `benchtop serve` and one rig
// board with its dockerd, sshd and getty. Needs `npm run build` first.
import type Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerClient } from '../../src/main/docker/index.js';
import { removeProjects, runLabelled } from '../fixtures/push-containers.js';
import { rigDown, rigUp, type Rig, type RigBoard } from '../rig/index.js';
import { docsScreenshot, openPane, screenshotPath } from '../support/chromium.js';
import { panelText } from '../support/console-page.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

const project = 'termdemo';

describe('container and host terminals in the Consoles pane', () => {
  let rig: Rig;
  let board: RigBoard;
  let docker: Docker;
  let containerHostname: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    rig = await rigUp(1, { hostAvahi: false });
    const first = rig.boards[0];
    if (!first?.consolePath) throw new Error('the rig board has no console');
    board = first;
    docker = await createDockerClient(board.address);
    const id = await runLabelled(docker, { project, service: 'web', script: 'sleep 100000' });
    containerHostname = (await docker.getContainer(id).inspect()).Config.Hostname;
    // The rig's key is Benchtop's way into the board's host OS, as a developer's key would be.
    process.env['BENCHTOP_SSH_KEY'] = rig.sshKey;
    serve = await startServe();
    const ws = await connectWs(serve.port, serve.token);
    await ws.call('devices.add', { address: board.address });
    ws.close();
    ({ browser, page } = await openPane(serve.url, /Devices/, { width: 1280, height: 800 }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (docker) await removeProjects(docker, [project]);
    await rigDown();
  }, 150_000);

  const openFromDetail = async (label: string): Promise<void> => {
    await page.getByRole('tab', { name: /Devices/ }).click();
    const detail = page.getByRole('region', { name: /^Board / });
    const terminals = detail.getByRole('group', { name: 'Terminal' });
    // The detail lists a board's services once its engine has answered (several seconds on a
    // busy machine). A click on a row that is being redrawn (a probe's or the inventory's
    // change) can miss it: click again while no detail shows. Nothing here waits on an element
    // that may never come (allTextContents and count answer at once).
    await expect
      .poll(
        async () => {
          if ((await detail.count()) === 0)
            await page.getByTestId('device-row').filter({ hasText: board.address }).click();
          return (await terminals.allTextContents()).join(' ');
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toContain(label);
    const button = terminals.getByRole('button', { name: label });
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    await button.click();
    await expect
      .poll(() => page.getByRole('tab', { selected: true }).first().textContent())
      .toContain('Consoles');
  };

  it(
    'opens a terminal into a service container from the board detail',
    { timeout: 60_000 },
    async () => {
      await openFromDetail('web (termdemo)');
      const panel = page.getByRole('region', { name: /^Terminal .* · web \(termdemo\)$/ });
      await expect.poll(() => panel.getByTestId('shell-state').textContent()).toBe('open');
      await panel.getByTestId('console-terminal').click();
      await page.keyboard.type('cat /etc/hostname; echo in-$((40+2))');
      await page.keyboard.press('Enter');
      await expect.poll(() => panelText(panel), { timeout: 15_000 }).toMatch(/^in-42\s*$/m);
      expect(await panelText(panel)).toContain(containerHostname);
    },
  );

  it('shows it beside the board’s serial console, side by side, and searches it', async () => {
    await page.getByLabel('Port', { exact: true }).fill(board.consolePath ?? '');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const serial = page.getByRole('region', { name: `Console ${board.consolePath}` });
    await expect.poll(() => serial.getByTestId('console-state').textContent()).toBe('connected');
    await page.getByRole('button', { name: 'Side by side' }).click();
    await expect.poll(() => page.locator('.terminal-panel:visible').count()).toBe(2);
    await serial.getByTestId('console-terminal').click();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => panelText(serial), { timeout: 15_000 })
      .toMatch(new RegExp(`${board.hostname} login:`));
    const shell = page.getByRole('region', { name: /^Terminal .* · web \(termdemo\)$/ });
    await shell.getByTestId('console-terminal').click();
    await page.keyboard.press('Control+f');
    const search = shell.getByLabel('Search the output');
    await search.fill('in-42');
    await search.press('Enter');
    await expect.poll(() => shell.getByTestId('search-found').count()).toBe(1);
    await search.press('Escape');
    await page.screenshot({ path: docsScreenshot('consoles-shell') });
  });

  it('opens the host OS over ssh, and the shell’s end shows in its terminal', async () => {
    await openFromDetail('Host OS');
    const host = page.getByRole('region', { name: /^Terminal .* · Host OS$/ });
    await expect.poll(() => host.getByTestId('shell-state').textContent()).toBe('open');
    await host.getByTestId('console-terminal').click();
    await page.keyboard.type('hostname');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => panelText(host), { timeout: 15_000 })
      .toMatch(new RegExp(`^${board.hostname}\\s*$`, 'm'));
    await page.keyboard.type('exit 5');
    await page.keyboard.press('Enter');
    await expect.poll(() => host.getByTestId('shell-state').textContent()).toBe('exited');
    // The notice may wrap in a narrow terminal.
    await expect
      .poll(async () => (await panelText(host)).replace(/\s+/g, ' '))
      .toContain('the shell ended with status 5');
    await page.screenshot({ path: screenshotPath('consoles-host-shell') });
    await host.getByRole('button', { name: /^Close Terminal/ }).click();
    await expect.poll(() => host.count()).toBe(0);
  });
});
