// SPDX-License-Identifier: Apache-2.0
// Group service actions and reboot from the Devices pane, in Debian's Chromium against the real
// `benchtop serve`: two rig boards with a pushed service's container running, selected by the
// filter; the service restarted from the action bar (each row ok, each container really started
// again), Reboot… refused on every board (rig boards have no supervisor), then the service
// stopped. Root and the rig's tools; run under the rig lock, after `npm run build`.
import type Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerClient } from '../../src/main/docker/index.js';
import { labelledState, removeProjects, runLabelled } from '../fixtures/push-containers.js';
import { rigDown, rigUp, type Rig } from '../rig/index.js';
import { openPane } from '../support/chromium.js';
import { groupResults, selectShown } from '../support/group-pane.js';
import { rigStand } from '../support/rig-stand.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const project = 'opsdemo';
let rig: Rig;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const engines: Docker[] = [];
const names = (): string[] => rig.boards.map((b) => b.hostname);

beforeAll(async () => {
  rig = await rigUp(2, { console: false, hostAvahi: false });
  serve = await startServe();
  await rigStand(serve, rig, 'R');
  for (const board of rig.boards) {
    const docker = await createDockerClient(board.address);
    engines.push(docker);
    await runLabelled(docker, { project, service: 'worker', script: 'sleep 100000' });
  }
  ({ browser, page } = await openPane(serve.url, /Devices/, { width: 1280, height: 800 }));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const docker of engines) await removeProjects(docker, [project]);
  await serve?.stop();
  await rigDown();
}, 150_000);

const workerOf = (docker: Docker) => labelledState(docker, project, 'worker');

describe('Devices pane: service and reboot actions on a group of boards', () => {
  it('restarts a service on the boards selected: every row ok, every container restarted', async () => {
    await selectShown(page, 'crate=R', 2);
    const before = await Promise.all(engines.map(workerOf));

    await page.getByRole('button', { name: 'Restart service…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restart a service on 2 boards' });
    await dialog.getByLabel('Service', { exact: true }).fill('worker');
    await dialog.getByLabel('Boards at once').fill('2');
    await dialog.getByRole('button', { name: 'Restart' }).click();

    const results = groupResults(page);
    await expect
      .poll(results.heading, { timeout: 60_000 })
      .toEqual({ title: 'Restart worker on 2 boards', finished: true });
    expect(await results.states()).toEqual(Object.fromEntries(names().map((n) => [n, 'ok'])));
    expect(await results.summary()).toBe('2 of 2 succeeded');
    for (const name of names())
      expect((await results.row(name).allTextContents()).join('')).toContain(
        `${project}/worker: running`,
      );
    const after = await Promise.all(engines.map(workerOf));
    after.forEach((state, i) => {
      expect(state.Running).toBe(true);
      expect(state.StartedAt).not.toBe(before[i]?.StartedAt);
    });
  }, 120_000);

  it('asks before a reboot, then says per board that it is not available without a supervisor', async () => {
    await selectShown(page, 'crate=R', 2);
    await page.getByRole('button', { name: 'Reboot…' }).click();
    await page
      .getByRole('dialog', { name: 'Reboot 2 boards?' })
      .getByRole('button', { name: 'Reboot' })
      .click();

    const results = groupResults(page);
    await expect
      .poll(results.heading, { timeout: 60_000 })
      .toEqual({ title: 'Reboot on 2 boards', finished: true });
    expect(await results.states()).toEqual(
      Object.fromEntries(names().map((n) => [n, 'not available'])),
    );
    expect(await results.summary()).toBe(`0 of 2 succeeded; not available: ${names().join(', ')}`);
    for (const name of names())
      expect((await results.row(name).allTextContents()).join('')).toContain(
        `Reboot is not available on ${name}: no supervisor answers`,
      );
    // The job itself says the group failed, as its toast does; the containers ran on.
    await expect
      .poll(async () => (await page.getByTestId('toast').allTextContents()).join('\n'))
      .toContain('Reboot on 2 boards: failed');
    for (const state of await Promise.all(engines.map(workerOf))) expect(state.Running).toBe(true);
  }, 120_000);

  it('stops the service on the boards selected', async () => {
    await selectShown(page, 'crate=R', 2);
    await page.getByRole('button', { name: 'Stop service…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop a service on 2 boards' });
    await dialog.getByLabel('Service', { exact: true }).fill('worker');
    await dialog.getByRole('button', { name: 'Stop' }).click();

    const results = groupResults(page);
    await expect
      .poll(results.heading, { timeout: 60_000 })
      .toEqual({ title: 'Stop worker on 2 boards', finished: true });
    expect(await results.states()).toEqual(Object.fromEntries(names().map((n) => [n, 'ok'])));
    for (const state of await Promise.all(engines.map(workerOf))) expect(state.Running).toBe(false);
  }, 120_000);
});
