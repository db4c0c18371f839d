// SPDX-License-Identifier: Apache-2.0
// How fast Benchtop lists a bench of boards, and notices one leaving, against avahi-browse on
// the same rig in the same run. Prints medians and ratios; run with `npm run bench:discover`
// (root, the rig's tools, and `npm run build` for the CLI measurement).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EventBus } from '../../src/main/contract/event-bus.js';
import { createDevicesService } from '../../src/main/discover/index.js';
import type { DeviceChange } from '../../src/shared/contract/index.js';
import { rigCommand, rigDown, rigUp, type Rig } from '../../test/rig/index.js';
import { cliPath } from '../../test/support/serve-process.js';
import { median } from '../median.js';
import { localOwner } from '../../src/main/contract/local-owner.js';

const BOARDS = Number(process.env['BENCH_BOARDS'] ?? 20);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const LEAVES = Number(process.env['BENCH_LEAVES'] ?? 3);
process.env['BENCHTOP_HOME'] = mkdtempSync(join(tmpdir(), 'benchtop-bench-'));

let rig: Rig;

const sleep = (n: number) => new Promise((resolve) => setTimeout(resolve, n));
const ms = (n: number): string => `${n.toFixed(0)} ms`;

function withDeadline<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: not done within ${timeoutMs} ms`)), timeoutMs),
    ),
  ]);
}

/** Benchtop's engine in this process, as the app runs it: from browse on to every board listed. */
async function benchtopInProcess(): Promise<number> {
  const bus = new EventBus();
  const service = createDevicesService({ bus, host: 'cli' });
  const seen = new Set<string>();
  const all = new Promise<number>((resolve) => {
    bus.on('devices.changed', (change) => {
      if (change.kind !== 'appeared' || change.board.address === null) return;
      seen.add(change.board.address);
      if (seen.size === rig.boards.length) resolve(performance.now());
    });
  });
  const t0 = performance.now();
  await service.handlers['devices.browse'](
    { enabled: true, interfaces: ['btv*'], save: false },
    { transport: 'local', clientId: 'bench', caller: localOwner() },
  );
  const t1 = await withDeadline('Benchtop (in process)', all, 30_000);
  await service.dispose?.();
  return t1 - t0;
}

/** Runs a command until `done(line)` says so; resolves with the time from spawn to then. */
function timeUntil(
  command: string,
  args: string[],
  done: (line: string) => boolean,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`${command} did not list every board within 30 s`));
    }, 30_000);
    let finished = false;
    if (!child.stdout) throw new Error(`${command}: no stdout`);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (finished || !done(line)) return;
      finished = true;
      const t = performance.now() - t0;
      clearTimeout(timer);
      child.once('exit', () => resolve(t));
      child.kill('SIGINT');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (finished) return;
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before listing every board`));
    });
  });
}

/** The Benchtop CLI, process start included: `benchtop devices --watch --json`. */
function benchtopCli(): Promise<number> {
  const seen = new Set<string>();
  return timeUntil(
    process.execPath,
    [cliPath, 'devices', '--watch', '--json', '--interface', 'btv*'],
    (line) => {
      const event = JSON.parse(line) as { event: string; board: { address: string | null } };
      if (event.event === 'appeared' && event.board.address) seen.add(event.board.address);
      return seen.size === rig.boards.length;
    },
  );
}

/** The peer: avahi-browse against the rig's host avahi-daemon, until every board is resolved. */
function avahiBrowse(): Promise<number> {
  const seen = new Set<string>();
  return timeUntil('avahi-browse', ['-rpt', '_ssh._tcp'], (line) => {
    const f = line.split(';');
    if (f[0] === '=' && f[2] === 'IPv4' && f[7]) seen.add(f[7]);
    return seen.size === rig.boards.length;
  });
}

beforeAll(async () => {
  rig = await rigUp(BOARDS, { engine: false, console: false, hostAvahi: true });
  expect(rig.hostAvahi).toBe(true);
  // Untimed: the host avahi-daemon has just started; let it hear every board once.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await avahiBrowse().then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the host avahi-daemon never saw every rig board');
    await sleep(1000);
  }
}, 600_000);

afterAll(async () => {
  await rigDown();
}, 600_000);

describe(`discovery of ${BOARDS} boards`, () => {
  it('time until every board is listed: Benchtop vs avahi-browse', async () => {
    const inProcess: number[] = [];
    const cli: number[] = [];
    const avahi: number[] = [];
    // Interleaved, so drift on the machine hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      // A responder multicasts a record at most once a second per interface (RFC 6762 6.), so
      // a query right after the previous run's would be answered late: let that second pass.
      avahi.push(await avahiBrowse());
      await sleep(1500);
      inProcess.push(await benchtopInProcess());
      await sleep(1500);
      cli.push(await benchtopCli());
    }
    const a = median(avahi);
    const b = median(inProcess);
    const c = median(cli);
    process.stdout.write(
      [
        '',
        `discover: ${BOARDS} boards, ${ROUNDS} rounds, medians`,
        `  avahi-browse -rpt _ssh._tcp (host avahi, warm cache) ${ms(a)}`,
        `  Benchtop engine, cold (browse on -> all listed)     ${ms(b)}  ratio ${(b / a).toFixed(2)}x`,
        `  benchtop devices --watch (process start included)   ${ms(c)}  ratio ${(c / a).toFixed(2)}x`,
        '',
      ].join('\n'),
    );
    expect(inProcess.every(Number.isFinite)).toBe(true);
  });

  it('time from a goodbye until the board is gone: Benchtop vs avahi-browse', async () => {
    const bus = new EventBus();
    const service = createDevicesService({ bus, host: 'cli' });
    await service.handlers['devices.browse'](
      { enabled: true, interfaces: ['btv*'], save: false },
      { transport: 'local', clientId: 'bench', caller: localOwner() },
    );
    const listed = new Set<string>();
    const gone = new Map<string, number>();
    const back = new Map<string, number>();
    bus.on('devices.changed', (change: DeviceChange) => {
      if (!change.board.address) return;
      if (change.kind === 'appeared') {
        listed.add(change.board.address);
        back.set(change.board.address, performance.now());
      }
      if (change.kind === 'disappeared') gone.set(change.board.address, performance.now());
    });
    const watcher = spawn('avahi-browse', ['-rp', '_ssh._tcp'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const avahiGone = new Map<string, number>();
    const avahiBack = new Map<string, number>();
    const nameToAddress = new Map(rig.boards.map((b) => [b.hostname, b.address]));
    if (!watcher.stdout) throw new Error('avahi-browse: no stdout');
    createInterface({ input: watcher.stdout }).on('line', (line) => {
      const f = line.split(';');
      const address = f[3] !== undefined ? nameToAddress.get(f[3]) : undefined;
      if (f[0] === '-' && f[2] === 'IPv4' && address) avahiGone.set(address, performance.now());
      if (f[0] === '=' && f[2] === 'IPv4' && address) avahiBack.set(address, performance.now());
    });
    await withDeadline(
      'every board listed before the goodbyes',
      (async () => {
        while (listed.size < rig.boards.length) await new Promise((r) => setTimeout(r, 50));
      })(),
      30_000,
    );
    const ours: number[] = [];
    const theirs: number[] = [];
    const oursBack: number[] = [];
    const theirsBack: number[] = [];
    for (let i = 0; i < LEAVES; i++) {
      const board = rig.boards[i];
      if (!board) break;
      // From the moment the board is told to stop advertising (its avahi sends goodbyes as it
      // exits): the same start for both, the rig script's own time included in both.
      const t0 = performance.now();
      await rigCommand(['advert-off', String(board.index)]);
      await withDeadline(
        `board ${board.index} gone from both lists`,
        (async () => {
          while (!gone.has(board.address) || !avahiGone.has(board.address))
            await new Promise((r) => setTimeout(r, 10));
        })(),
        30_000,
      );
      ours.push(Math.max(0, (gone.get(board.address) ?? 0) - t0));
      theirs.push(Math.max(0, (avahiGone.get(board.address) ?? 0) - t0));
      // And back: from the command that starts its avahi until each side lists it again.
      back.delete(board.address);
      avahiBack.delete(board.address);
      const t1 = performance.now();
      await rigCommand(['advert-on', String(board.index)]);
      await withDeadline(
        `board ${board.index} back in both lists`,
        (async () => {
          while (!back.has(board.address) || !avahiBack.has(board.address))
            await new Promise((r) => setTimeout(r, 10));
        })(),
        30_000,
      );
      oursBack.push((back.get(board.address) ?? 0) - t1);
      theirsBack.push((avahiBack.get(board.address) ?? 0) - t1);
    }
    watcher.kill('SIGINT');
    await service.dispose?.();
    const b = median(ours);
    const a = median(theirs);
    process.stdout.write(
      [
        '',
        `goodbye: ${ours.length} boards leaving, medians from rig.sh advert-off (SIGTERM to its avahi-daemon)`,
        `  avahi-browse  ${ms(a)}`,
        `  Benchtop      ${ms(b)}  ${a > 0 ? `ratio ${(b / a).toFixed(2)}x` : '(avahi-browse: 0 ms)'}`,
        `  aim: within 2000 ms of the goodbye: ${b <= 2000 ? 'met' : 'NOT met'}`,
        `coming back: medians from rig.sh advert-on (avahi starts, probes its name, announces)`,
        `  avahi-browse  ${ms(median(theirsBack))}`,
        `  Benchtop      ${ms(median(oursBack))}  ratio ${(median(oursBack) / median(theirsBack)).toFixed(2)}x`,
        '',
      ].join('\n'),
    );
    expect(ours.length).toBe(LEAVES);
  });
});
