// SPDX-License-Identifier: Apache-2.0
// How long the Devices pane takes, in Chromium against `benchtop serve`, to settle once the last
// of a test stand's boards has arrived; and, with an inventory of 500 records, from one change
// to it to a settled pane. Run with `npm run bench:discover` (root, the rig's tools, `npm run
// build` first; `-t inventory` runs the second alone, without the rig). BENCH_PROFILE=DIR also
// writes a CPU profile of the page there and prints the functions that took the most time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { ContractClient } from '../../src/shared/client.js';
import { rigDown, rigUp } from '../../test/rig/index.js';
import { launchChromium } from '../../test/support/chromium.js';
import { standBoard, standCsv } from '../../test/support/inventory-stand.js';
import { startServe, type ServeProcess } from '../../test/support/serve-process.js';
import { connectWs } from '../../test/support/ws-client.js';
import { hottest, type CpuProfile } from './cpu-profile.js';
import { median, timeOneChange, type ChangeTimes } from './inventory-pane.js';
import { watchArrivals, watchInventory, whenSettled, type SettleTimes } from './pane-probes.js';

const BOARDS = Number(process.env['BENCH_PANE_BOARDS'] ?? 100);
const RECORDS = Number(process.env['BENCH_PANE_RECORDS'] ?? 500);
const CHANGES = 15;
const PROFILE_DIR = process.env['BENCH_PROFILE'];
/** The aim of the Engine issue, on a 2-core machine. */
const AIM_MS = 1000;
/** The aim of the Inventory issue: one change to a settled pane at 500 records. */
const CHANGE_AIM_MS = 100;

let serve: ServeProcess;
let browser: Browser;
let page: Page;

/** `benchtop serve` and Chromium at its Devices pane, the given script loaded before the app. */
async function openDevices(probe: string): Promise<void> {
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.addInitScript({ content: probe });
  await page.goto(serve.url);
  await page.getByRole('tab', { name: /Devices/ }).click();
}

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
}, 600_000);

/** CPU time (user + system) the serve process has used so far, from /proc. */
function serveCpuMs(): number {
  const fields = readFileSync(`/proc/${serve.child.pid ?? 0}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the pid and name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

const printHottest = (title: string, profile: CpuProfile): void => {
  const lines = hottest(profile, 15).map(
    (f) => `  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}  ${f.where}`,
  );
  process.stdout.write(`\n${title}: self time by function\n${lines.join('\n')}\n`);
};

describe(`the Devices pane with ${BOARDS} boards`, () => {
  beforeAll(async () => {
    await rigUp(BOARDS, { engine: false, console: false, hostAvahi: false });
    await openDevices(watchArrivals);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rigDown();
  }, 600_000);

  it('time from the last board arriving to a settled pane', async () => {
    let cdp: CDPSession | undefined;
    if (PROFILE_DIR) {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.getByLabel('Interfaces to browse on').fill('btv*');
    const cpuBefore = serveCpuMs();
    await page.getByRole('button', { name: 'Start browsing' }).click();
    const times = await page.evaluate<SettleTimes>(whenSettled(BOARDS, 60_000));
    const serveCpu = serveCpuMs() - cpuBefore;
    const settleMs = times.settledAt - times.lastArrivalAt;
    const probedSettleMs = times.probedSettledAt - times.lastProbedAt;
    if (cdp && PROFILE_DIR) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      writeFileSync(join(PROFILE_DIR, 'page.cpuprofile'), JSON.stringify(profile));
      printHottest('page (Chromium)', profile);
    }
    process.stdout.write(
      [
        '',
        `devices pane: ${BOARDS} boards in Chromium (${times.events} devices.changed events in all)`,
        `  browse on -> last board arrived   ${times.lastArrivalAt.toFixed(0)} ms`,
        `  last board arrived -> settled     ${settleMs.toFixed(0)} ms  (aim <= ${AIM_MS} ms: ${settleMs <= AIM_MS ? 'met' : 'NOT met'})`,
        `  browse on -> last probe result    ${times.lastProbedAt.toFixed(0)} ms`,
        `  last probe result -> settled      ${probedSettleMs.toFixed(0)} ms`,
        `  CPU used by serve meanwhile       ${serveCpu.toFixed(0)} ms`,
        '',
      ].join('\n'),
    );
    expect(times.settledAt).toBeGreaterThanOrEqual(times.lastArrivalAt);
  });
});

describe(`the Devices pane with an inventory of ${RECORDS} records`, () => {
  let client: ContractClient;
  beforeAll(async () => {
    await openDevices(watchInventory);
    client = await connectWs(serve.port, serve.token);
    await client.call('inventory.import', {
      format: 'csv',
      text: standCsv(RECORDS),
      source: 'stand.csv',
    });
    await page
      .locator(`section.devices[data-settled="true"][data-boards="${RECORDS}"]`)
      .waitFor({ timeout: 60_000 });
  }, 600_000);
  afterAll(() => client?.close());

  it('time from one change (a label set by another client) to a settled pane', async () => {
    const board = standBoard(0).hostname;
    const runs: ChangeTimes[] = [];
    // The first change warms up what a page and an engine do once; it is not counted.
    for (let i = 0; i <= CHANGES; i++) {
      const times = await timeOneChange(page, client, board, `bench=${i}`);
      if (i > 0) runs.push(times);
    }
    const wire = median(runs.map((r) => r.wireMs));
    const pageEvent = median(runs.map((r) => r.pageEventMs));
    const settled = median(runs.map((r) => r.settledMs));
    const worst = Math.max(...runs.map((r) => r.settledMs));
    process.stdout.write(
      [
        '',
        `devices pane: ${RECORDS} inventory records in Chromium, median of ${CHANGES} label changes`,
        `  change -> event at a WebSocket client (peer)  ${wire.toFixed(1)} ms`,
        `  change -> event at the page                  ${pageEvent.toFixed(1)} ms`,
        `  change -> settled pane                       ${settled.toFixed(1)} ms  (aim <= ${CHANGE_AIM_MS} ms: ${settled <= CHANGE_AIM_MS ? 'met' : 'NOT met'}; worst ${worst.toFixed(1)} ms)`,
        `  settled pane / event at a client             ${(settled / wire).toFixed(1)}x`,
        '',
      ].join('\n'),
    );
    expect(runs).toHaveLength(CHANGES);
  });
});
