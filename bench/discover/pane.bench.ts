// SPDX-License-Identifier: Apache-2.0
// How long the Devices pane takes, in Chromium against `benchtop serve`, to settle once the last
// of a test stand's boards has arrived. Run with `npm run bench:discover` (root, the rig's tools,
// `npm run build` first). BENCH_PROFILE=DIR also writes a CPU profile of the page there and
// prints the functions that took the most time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { rigDown, rigUp } from '../../test/rig/index.js';
import { launchChromium } from '../../test/support/chromium.js';
import { startServe, type ServeProcess } from '../../test/support/serve-process.js';
import { hottest, type CpuProfile } from './cpu-profile.js';
import { watchArrivals, whenSettled, type SettleTimes } from './pane-probes.js';

const BOARDS = Number(process.env['BENCH_PANE_BOARDS'] ?? 100);
const PROFILE_DIR = process.env['BENCH_PROFILE'];
/** The aim of the Engine issue, on a 2-core machine. */
const AIM_MS = 1000;

let serve: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await rigUp(BOARDS, { engine: false, console: false, hostAvahi: false });
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.addInitScript({ content: watchArrivals });
  await page.goto(serve.url);
  await page.getByRole('tab', { name: /Devices/ }).click();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await rigDown();
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
