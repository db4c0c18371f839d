// SPDX-License-Identifier: Apache-2.0
// Benchtop's flash against `dd bs=4M oflag=direct conv=fsync` and `bmaptool copy`, on the same
// loop devices in the same run: whole-command wall times, bytes the device really received
// (/sys/block/loopN/stat), and ratios. Run with `npm run bench:flash` (root; builds first).
// BENCH_SIZE_MIB sets the image size (default 2048), BENCH_DENSE_MIB the dense one (1024),
// BENCH_ROUNDS the runs per measurement (3, median taken).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, linkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMain } from '../../test/fixtures/build-main.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, fixtureDir, type BuiltImage } from '../../test/fixtures/build-image.js';
import {
  attachLoop,
  detachLoop,
  requireLoopSupport,
  type LoopDevice,
} from '../../test/fixtures/loop-devices.js';
import { startServe, type ServeProcess } from '../../test/support/serve-process.js';
import { connectWs } from '../../test/support/ws-client.js';
import type { ContractClient } from '../../src/shared/client.js';

const SIZE_MIB = Number(process.env['BENCH_SIZE_MIB'] ?? 2048);
const DENSE_MIB = Number(process.env['BENCH_DENSE_MIB'] ?? 1024);
/** Each measurement is the median of this many runs: one run on a shared machine is noise. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/benchtop.js');

let dir: string;
let sparse: BuiltImage;
let dense: BuiltImage;
let bmap: string;
let loops: LoopDevice[] = [];
const lines: string[] = [];

interface Run {
  seconds: number;
  bytes: number;
  /** Seconds from the command to the first sector the card received (Benchtop runs only). */
  firstByte?: number;
}

/** Sectors written to a loop device so far (field 7 of /sys/block/NAME/stat) in bytes. */
function written(device: string): number {
  const stat = readFileSync(`/sys/block/${basename(device)}/stat`, 'utf8')
    .trim()
    .split(/\s+/);
  return Number(stat[6]) * 512;
}

/** Each run starts alike: the card's old contents discarded, no cached image pages. */
function reset(targets: LoopDevice[]): void {
  for (const loop of targets) execFileSync('blkdiscard', ['-f', loop.device]);
  execFileSync('sync');
  writeFileSync('/proc/sys/vm/drop_caches', '3');
}

function measure(targets: LoopDevice[], command: string, args: string[]): Run {
  const runs = Array.from({ length: ROUNDS }, () => measureOnce(targets, command, args)).sort(
    (a, b) => a.seconds - b.seconds,
  );
  const median = runs[Math.floor(runs.length / 2)];
  if (!median) throw new Error('BENCH_ROUNDS must be at least 1');
  return median;
}

/**
 * After the caches are dropped, each tool's own program files are read back in (a bench
 * operator's second card starts warm), while the image stays cold for everyone.
 */
function warmUp(command: string): void {
  if (command === process.execPath) {
    spawnSync(process.execPath, [cli, 'info'], { stdio: 'ignore' });
    // The writer bundle loads and exits at once: its stdin is closed, no request comes.
    spawnSync(process.execPath, [join(root, 'dist/writer/writer.mjs')], { stdio: 'ignore' });
  } else spawnSync(command, ['--version'], { stdio: 'ignore' });
}

function measureOnce(targets: LoopDevice[], command: string, args: string[]): Run {
  reset(targets);
  warmUp(command);
  const before = targets.map((t) => written(t.device));
  const t0 = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const bytes = targets.reduce((sum, t, i) => sum + written(t.device) - (before[i] ?? 0), 0);
  return { seconds, bytes: bytes / targets.length };
}

/** Resolves with the seconds since t0 at which the device first received a write. */
function watchFirstByte(device: string, t0: number): { stop(): number | undefined } {
  const start = written(device);
  let first: number | undefined;
  const timer = setInterval(() => {
    if (first === undefined && written(device) > start) first = (performance.now() - t0) / 1000;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return first;
    },
  };
}

async function measureAsync(targets: LoopDevice[], once: () => Promise<Run>): Promise<Run> {
  const runs: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(await once());
  runs.sort((a, b) => a.seconds - b.seconds);
  const median = runs[Math.floor(runs.length / 2)];
  if (!median) throw new Error('BENCH_ROUNDS must be at least 1');
  const firsts = runs.map((r) => r.firstByte ?? Infinity).sort((a, b) => a - b);
  return { ...median, firstByte: firsts[Math.floor(firsts.length / 2)] ?? Infinity };
}

/** One whole command, with its time to first byte seen from outside (the card's counters). */
async function cliOnce(targets: LoopDevice[], args: string[]): Promise<Run> {
  reset(targets);
  warmUp(process.execPath);
  const [first] = targets;
  if (!first) throw new Error('no target');
  const before = targets.map((t) => written(t.device));
  const t0 = performance.now();
  const watch = watchFirstByte(first.device, t0);
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  const seconds = (performance.now() - t0) / 1000;
  const firstByte = watch.stop();
  if (code !== 0) throw new Error(`benchtop ${args.join(' ')} failed (${code}): ${stderr}`);
  const bytes = targets.reduce((sum, t, i) => sum + written(t.device) - (before[i] ?? 0), 0);
  return { seconds, bytes: bytes / targets.length, firstByte: firstByte ?? Infinity };
}

/** flash.start over the WebSocket to a running serve, until its job ends. */
async function serveOnce(client: ContractClient, image: string, target: LoopDevice): Promise<Run> {
  reset([target]);
  const before = written(target.device);
  const t0 = performance.now();
  const watch = watchFirstByte(target.device, t0);
  const { jobId } = await client.call('flash.start', {
    image,
    targets: [target.device],
    verify: false,
  });
  for (;;) {
    const job = await client.call('jobs.get', { jobId });
    if (job.state !== 'running') {
      if (job.state !== 'succeeded') throw new Error(`serve flash ended ${job.state}`);
      break;
    }
    await new Promise((done) => setTimeout(done, 10));
  }
  const seconds = (performance.now() - t0) / 1000;
  const firstByte = watch.stop();
  return { seconds, bytes: written(target.device) - before, firstByte: firstByte ?? Infinity };
}

const dd = (image: string, target: LoopDevice): Run =>
  measure([target], 'dd', [
    `if=${image}`,
    `of=${target.device}`,
    'bs=4M',
    'oflag=direct',
    'conv=fsync',
    'status=none',
  ]);

const benchtop = (image: string, targets: LoopDevice[], verify = false): Promise<Run> =>
  measureAsync(targets, () =>
    cliOnce(targets, [
      'flash',
      image,
      ...targets.flatMap((t) => ['-t', t.device]),
      ...(verify ? [] : ['--no-verify']),
      '--json',
    ]),
  );

const bmaptoolRun = (card: LoopDevice): Run =>
  measure([card], 'bmaptool', [
    '-q',
    'copy',
    '--bmap',
    bmap,
    join(dir, 'mapped', 'sparse.img'),
    card.device,
  ]);

const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MiB`;
const rate = (run: Run): string => `${(run.bytes / 1048576 / run.seconds).toFixed(0)} MiB/s`;
function report(name: string, run: Run): void {
  const first = run.firstByte === undefined ? '' : `  first byte ${run.firstByte.toFixed(2)} s`;
  lines.push(
    `  ${name.padEnd(44)} ${run.seconds.toFixed(2).padStart(7)} s  ${mib(run.bytes).padStart(9)} written  ${rate(run)}${first}`,
  );
}
function ratio(what: string, value: number, aim: string): void {
  lines.push(`  => ${what.padEnd(52)} ${value.toFixed(2)}  (aim: ${aim})`);
}

beforeAll(() => {
  requireLoopSupport();
  buildMain();
  dir = fixtureDir('benchtop-bench-flash-');
  // Each flash records a manifest: keep them out of the user's own Benchtop folder.
  process.env['BENCHTOP_HOME'] = join(dir, 'home');
  // A mostly empty ext4 root (balenaOS images are like that before apps are pushed)…
  sparse = buildImage(dir, 'sparse.img', { rootMiB: SIZE_MIB - 48, rootDataMiB: 64 });
  // …and one whose root is full of incompressible data, where skipping cannot help.
  dense = buildImage(dir, 'dense.img', { rootMiB: DENSE_MIB - 48, rootDataMiB: DENSE_MIB - 96 });
  // The bmap lives with a second name of the sparse image, so the plain run finds none.
  mkdirSync(join(dir, 'mapped'));
  linkSync(sparse.path, join(dir, 'mapped', 'sparse.img'));
  bmap = join(dir, 'mapped', 'sparse.bmap');
  execFileSync('bmaptool', ['create', '-o', bmap, sparse.path], { stdio: 'ignore' });
  loops = [1, 2, 3, 4].map((n) => attachLoop(dir, `card${n}.bin`, SIZE_MIB + 64));
});

afterAll(() => {
  for (const loop of loops) detachLoop(loop);
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    `\nflash benchmark (${SIZE_MIB} MiB sparse image, ${DENSE_MIB} MiB dense; median of ${ROUNDS} runs; whole-command times, image not cached, programs warm)\n${lines.join('\n')}\n`,
  );
});

describe('flash benchmark', () => {
  it('dense image: Benchtop vs dd', async () => {
    const [card] = loops;
    if (!card) throw new Error('no loop device');
    const base = dd(dense.path, card);
    const ours = await benchtop(dense.path, [card]);
    const verified = await benchtop(dense.path, [card], true);
    lines.push('dense image, 1 target:');
    report('dd bs=4M oflag=direct conv=fsync', base);
    report('benchtop flash --no-verify', ours);
    report('benchtop flash (with verify)', verified);
    ratio('speed, benchtop / dd', base.seconds / ours.seconds, '>= 1.0');
    expect(ours.bytes).toBeGreaterThan(0);
  });

  it('sparse image without a bmap: Benchtop (ext4 trim) vs dd and bmaptool', async () => {
    const [card] = loops;
    if (!card) throw new Error('no loop device');
    const base = dd(sparse.path, card);
    const mapped = bmaptoolRun(card);
    const ours = await benchtop(sparse.path, [card]);
    lines.push('sparse image, no bmap, 1 target:');
    report('dd bs=4M oflag=direct conv=fsync', base);
    report('bmaptool copy (with the bmap)', mapped);
    report('benchtop flash --no-verify (ext4 trim)', ours);
    ratio('speed, benchtop / dd', base.seconds / ours.seconds, '>= 2.0');
    ratio('time, benchtop trim / bmaptool with bmap', ours.seconds / mapped.seconds, '<= 2.0');
    ratio('bytes written, benchtop / dd', ours.bytes / base.bytes, 'small');
  });

  it('sparse image with a bmap: Benchtop (CLI and serve) vs bmaptool copy', async () => {
    const [card] = loops;
    if (!card) throw new Error('no loop device');
    const image = join(dir, 'mapped', 'sparse.img');
    const base = bmaptoolRun(card);
    const ours = await benchtop(image, [card]);
    // serve as a bench operator uses it: running already, drives listed, then a flash.
    let serve: ServeProcess | undefined;
    let served: Run;
    try {
      serve = await startServe({ home: join(dir, 'serve-home') });
      const client = await connectWs(serve.port, serve.token);
      await client.call('drives.list', { showVirtual: true });
      served = await measureAsync([card], () => serveOnce(client, image, card));
    } finally {
      await serve?.stop();
    }
    lines.push('sparse image with bmap, 1 target:');
    report('bmaptool copy', base);
    report('benchtop flash --no-verify (CLI)', ours);
    report('flash.start to a running serve', served);
    ratio('time, benchtop CLI / bmaptool', ours.seconds / base.seconds, '<= 1.5');
    ratio('time, serve / bmaptool', served.seconds / base.seconds, '<= 1.5');
    ratio('first byte after the command, CLI (s)', ours.firstByte ?? Infinity, '<= 0.3');
    ratio('first byte after the request, serve (s)', served.firstByte ?? Infinity, '<= 0.3');
    ratio('bytes written, benchtop / bmaptool', ours.bytes / base.bytes, '<= 1.00');
  });

  it('1 vs 4 targets at once (dense image)', async () => {
    const one = await benchtop(dense.path, loops.slice(0, 1));
    const four = await benchtop(dense.path, loops);
    lines.push('dense image, 1 vs 4 targets:');
    report('benchtop, 1 target', one);
    report('benchtop, 4 targets (per target)', four);
    ratio('per-target rate, 4 targets / 1 target', one.seconds / four.seconds, '>= 0.8');
  });
});
