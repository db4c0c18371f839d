// SPDX-License-Identifier: Apache-2.0
// The root writer on its own terms: handed requests directly (as a buggy or hijacked engine
// would), it re-checks its targets; its temporary files are private; it stops the moment
// its engine goes. (No writer before the engine's checks: flash-safety.test.ts.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriterMessage, type WriterRequest } from '../../src/main/flash/writer/protocol.js';
import { buildImage } from '../fixtures/build-image.js';
import { cli, useFlashBench, withImageBehindLoop } from '../fixtures/flash-bench.js';
import {
  attachLoop,
  detachLoop,
  holdersOf,
  mountedLoop,
  readBytes,
  unmountLoop,
  waitUntil,
  zeroHead,
} from '../fixtures/loop-devices.js';

const bench = useFlashBench('benchtop-flash-writer-', 2);
const script = new URL('../../dist/writer/writer.mjs', import.meta.url).pathname;

/** The built writer, started as the engine starts it as root, and spoken to directly. */
function startWriter(request: Omit<WriterRequest, 'type' | 'token'>) {
  const token = randomBytes(32).toString('hex');
  const child: ChildProcess = spawn(process.execPath, [script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const messages: WriterMessage[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const parsed = WriterMessage.safeParse(JSON.parse(line));
    if (parsed.success) messages.push(parsed.data);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdin!.write(`${JSON.stringify({ type: 'start', token, ...request })}\n`);
  return { child, messages, exited };
}

const plainRequest = (image: string, targets: WriterRequest['targets']) => ({
  image,
  tmpdir: bench.dir,
  targets,
  verify: false,
  trim: true,
  files: targets.map(() => null),
});

/** Still running: not gone, and not a zombie (an orphan whose exit nobody has collected yet). */
const isRunning = (pid: number): boolean => {
  const stat = spawnSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' }).stdout;
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
};

const zeroed = (device: string): boolean =>
  readBytes(device, 0, 1024 * 1024).every((byte) => byte === 0);

describe('the writer re-checks each target itself (a request handed to it directly)', () => {
  const refusal = async (target: WriterRequest['targets'][number], image = bench.image.path) => {
    const run = startWriter(plainRequest(image, [target]));
    expect(await run.exited).toBe(0);
    const failed = run.messages.find((m) => m.type === 'target-failed');
    return failed?.type === 'target-failed' ? failed.error : undefined;
  };

  it('refuses a drive mounted where the engine did not clear it, and leaves it mounted', async () => {
    const mounted = mountedLoop(bench.dir, 'mounted', 64);
    try {
      const error = await refusal({ device: mounted.device, size: 64 << 20, mountpoints: [] });
      expect(error).toMatchObject({ code: 'BUSY' });
      expect(error?.message).toContain(`${mounted.device} is mounted at ${mounted.mnt}`);
      expect(readFileSync('/proc/mounts', 'utf8')).toContain(mounted.mnt);
    } finally {
      unmountLoop(mounted);
    }
  });

  it('refuses a read-only drive (losetup -r)', async () => {
    const file = join(bench.dir, 'locked.bin');
    spawnSync('truncate', ['-s', '64M', file]);
    const device = spawnSync('losetup', ['-r', '-f', '--show', file], {
      encoding: 'utf8',
    }).stdout.trim();
    try {
      const error = await refusal({ device, size: 64 << 20, mountpoints: [] });
      expect(error).toMatchObject({ code: 'UNSAFE_TARGET' });
      expect(error?.message).toContain(`${device} is read-only`);
    } finally {
      detachLoop({ device, file });
    }
  });

  it('refuses the drive holding the image, even when it was cleared for unmounting', async () => {
    const holder = mountedLoop(bench.dir, 'holder', 128);
    try {
      const image = join(holder.mnt, 'os.img');
      copyFileSync(bench.image.path, image);
      const error = await refusal(
        { device: holder.device, size: 128 << 20, mountpoints: [holder.mnt] },
        image,
      );
      expect(error).toMatchObject({ code: 'UNSAFE_TARGET' });
      expect(error?.message).toContain(`${holder.device} holds the image being written`);
      expect(readFileSync(image).equals(readFileSync(bench.image.path))).toBe(true);
    } finally {
      unmountLoop(holder);
    }
  });

  it('refuses the drive under a loop device that holds the image (the backing chain)', () =>
    withImageBehindLoop(bench, async (image, outer) => {
      const error = await refusal(
        { device: outer.device, size: 256 << 20, mountpoints: [outer.mnt] },
        image,
      );
      expect(error?.message).toContain(`${outer.device} holds the image being written`);
    }));

  it('refuses a file that is not a block device, and writes nothing to it', async () => {
    const file = join(bench.dir, 'not-a-drive.bin');
    spawnSync('truncate', ['-s', '64M', file]);
    const error = await refusal({ device: file, size: 64 << 20, mountpoints: [] });
    expect(error).toMatchObject({ code: 'UNSAFE_TARGET' });
    expect(zeroed(file)).toBe(true);
  });
});

describe("the writer's temporary files", () => {
  let server: Server;
  let url: string;
  let release: () => void = () => undefined;
  beforeAll(async () => {
    const raw = readFileSync(buildImage(bench.dir, 'served.img').path);
    const held = new Promise<void>((resolve) => (release = resolve));
    // Sends the first MiB, then holds the rest until the test has looked at the temp folder.
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-length': raw.length });
      if (req.method === 'HEAD') return void res.end();
      res.write(raw.subarray(0, 1 << 20));
      void held.then(() => res.end(raw.subarray(1 << 20)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no server address');
    url = `http://127.0.0.1:${address.port}/served.img`;
  });
  afterAll(async () => {
    release();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('live in a private folder (0700, files 0600), never follow planted links, and go at exit', async () => {
    const tmp = join(bench.dir, 'engine-tmp');
    mkdirSync(tmp, { mode: 0o1777 });
    const gone = spawnSync('true').pid;
    const stale = join(tmp, `benchtop-writer-${gone}-stale`);
    mkdirSync(stale);
    writeFileSync(join(stale, 'downloading.img'), 'left by a killed run');
    const victim = join(bench.dir, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'keep'), 'precious');
    symlinkSync(victim, join(tmp, `benchtop-writer-${gone}-planted`));

    zeroHead(bench.loops[0]!.device);
    const run = startWriter({
      ...plainRequest(url, [{ device: bench.loops[0]!.device, size: 128 << 20, mountpoints: [] }]),
      tmpdir: tmp,
    });
    await waitUntil(
      () => run.messages.some((m) => m.type === 'phase' && m.phase === 'downloading'),
      'the writer to start downloading',
    );
    const own = readdirSync(tmp).filter((name) =>
      name.startsWith(`benchtop-writer-${run.child.pid}-`),
    );
    expect(own).toHaveLength(1);
    const folder = join(tmp, own[0]!);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const files = readdirSync(folder);
    expect(files).toEqual(['downloading.img']);
    expect(statSync(join(folder, files[0]!)).mode & 0o777).toBe(0o600);
    release();
    expect(await run.exited).toBe(0);
    expect(run.messages.some((m) => m.type === 'target-done')).toBe(true);
    expect(readdirSync(tmp)).toEqual([`benchtop-writer-${gone}-planted`]);
    expect(readFileSync(join(victim, 'keep'), 'utf8')).toBe('precious');
  });
});

describe('the writer stops the moment its engine goes', () => {
  let big: string;
  beforeAll(() => {
    big = buildImage(bench.dir, 'big.img', { rootMiB: 400, rootDataMiB: 360 }).path;
  });

  it('stdin closed mid-write: exits at once, reports nothing done, holds no drive', async () => {
    const card = attachLoop(bench.dir, 'big-card.bin', 500);
    try {
      const run = startWriter(
        plainRequest(big, [{ device: card.device, size: 500 << 20, mountpoints: [] }]),
      );
      await waitUntil(
        () => run.messages.some((m) => m.type === 'progress' && m.phase === 'flashing'),
        'the write to begin',
      );
      run.child.stdin!.end();
      expect(await run.exited).toBe(130);
      expect(run.messages.some((m) => m.type === 'done' || m.type === 'target-done')).toBe(false);
      expect(holdersOf(card.device)).toEqual([]);
    } finally {
      detachLoop(card);
    }
  });

  it('the CLI killed mid-write: whatever writes goes too and lets the drive go', async () => {
    const card = attachLoop(bench.dir, 'big-card-2.bin', 500);
    try {
      const flash = spawn(process.execPath, [cli, 'flash', big, '-t', card.device], {
        stdio: 'ignore',
      });
      // A root CLI writes in its own process; a non-root one through its writer process.
      await waitUntil(() => holdersOf(card.device).length > 0, 'the card to be opened');
      const opened = holdersOf(card.device);
      // Root (as here): no writer process, the CLI holds the card itself.
      if (process.getuid?.() === 0) expect(opened).toEqual([flash.pid]);
      const cliGone = new Promise((resolve) => flash.once('exit', resolve));
      flash.kill('SIGKILL');
      await cliGone;
      await waitUntil(() => holdersOf(card.device).length === 0, 'the card to be let go');
      expect(opened.filter(isRunning)).toEqual([]);
    } finally {
      detachLoop(card);
    }
  });
});
