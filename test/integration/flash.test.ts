// SPDX-License-Identifier: Apache-2.0
// Flash on real loop devices, through the built CLI (as a person types it) and through the
// engine's contract (as the UI and WebSocket call it). The writer process is the built one.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { chmodSync, createReadStream as openStream, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { copyFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMain } from '../fixtures/build-main.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlashResult } from '../../src/shared/contract/index.js';
import { jobResult } from '../../src/shared/job-result.js';
import { createEngine, type Engine } from '../../src/main/engine.js';
import { verifyTargets } from '../../src/main/flash/write/verify-targets.js';
import {
  buildImage,
  compress,
  fixtureDir,
  mtype,
  type BuiltImage,
} from '../fixtures/build-image.js';
import {
  attachLoop,
  detachLoop,
  readBytes,
  requireLoopSupport,
  zeroHead,
  type LoopDevice,
} from '../fixtures/loop-devices.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/benchtop.js');

function benchtop(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BENCHTOP_HOME: home },
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The CLI without blocking this process (the HTTP test's server runs in it). */
function benchtopAsync(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, BENCHTOP_HOME: home },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The flash result from the last JSON line `benchtop flash --json` prints. */
const lastResult = (stdout: string): FlashResult =>
  (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { result: FlashResult }).result;

const configOn = (device: string, offset: number): Record<string, unknown> =>
  JSON.parse(mtype(device, offset, 'config.json')) as Record<string, unknown>;

let dir: string;
let home: string;
let image: BuiltImage;
let loops: LoopDevice[] = [];
let engine: Engine;

beforeAll(() => {
  requireLoopSupport();
  // The writer runs as its own compiled process: build it (and the CLI) from these sources.
  buildMain();
  dir = fixtureDir('benchtop-flash-');
  home = join(dir, 'home');
  // The in-process engine records manifests too: under this test's home, not the user's.
  process.env['BENCHTOP_HOME'] = home;
  image = buildImage(dir, 'os.img');
  loops = [1, 2, 3].map((n) => attachLoop(dir, `card${n}.bin`, 128));
  engine = createEngine({ host: 'cli' });
});

afterAll(async () => {
  await engine?.dispose();
  for (const loop of loops) detachLoop(loop);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('benchtop flash (CLI, loop devices)', () => {
  it('writes a compressed image to three cards at once, each with its own config from a template', () => {
    const xz = compress(image.path, 'xz');
    const template = join(dir, 'template.json');
    writeFileSync(
      template,
      '{"uuid":"{{uuid}}","hostname":"bench-{{index}}","deviceType":"raspberrypi4-64","developmentMode":true}',
    );
    const manifest = join(dir, 'run.json');
    const run = benchtop([
      'flash',
      xz,
      ...loops.flatMap((loop) => ['--target', loop.device]),
      '--config',
      template,
      '--manifest',
      manifest,
    ]);
    expect(run.stderr).not.toMatch(/benchtop:/);
    expect(run.code).toBe(0);

    const configs = loops.map((loop) => configOn(loop.device, image.bootOffset));
    expect(new Set(configs.map((c) => c.uuid)).size).toBe(3);
    expect(configs.map((c) => c.hostname)).toEqual(['bench-1', 'bench-2', 'bench-3']);
    for (const config of configs) expect(config.uuid).toMatch(/^[0-9a-f]{32}$/);

    const written = JSON.parse(readFileSync(manifest, 'utf8')) as { cards: FlashResult['cards'] };
    expect(written.cards).toHaveLength(3);
    const sha = execFileSync('sha256sum', [image.path], { encoding: 'utf8' }).split(' ')[0];
    for (const [i, card] of written.cards.entries()) {
      expect(card).toMatchObject({
        target: loops[i]?.device,
        verified: true,
        configVerified: true,
        uuid: configs[i]?.uuid,
        hostname: `bench-${i + 1}`,
        imageChecksum: `sha256:${sha}`,
      });
      expect(card.serial).toBe(`loop:${loops[i]?.file}`);
    }
    expect(readFileSync(join(dir, 'run.csv'), 'utf8').split('\n')[0]).toBe(
      'target,serial,uuid,hostname,imageChecksum,verified,configVerified,time,error',
    );
    // The boot partition is byte for byte the image's, apart from the files we added.
    expect(
      readBytes(loops[0]!.device, 0, 4 * 1024 * 1024).equals(
        readBytes(image.path, 0, 4 * 1024 * 1024),
      ),
    ).toBe(true);
  });

  it('inspects an image and lists drives with --json, for scripts', () => {
    const inspect = benchtop(['image', 'inspect', image.path, '--json']);
    expect(inspect.code).toBe(0);
    expect(JSON.parse(inspect.stdout)).toMatchObject({
      format: 'raw',
      size: image.size,
      partitionTable: 'mbr',
      bootPartition: { index: 1, offset: image.bootOffset, filesystem: 'fat' },
    });
    const human = benchtop(['image', 'inspect', image.path]);
    expect(human.stdout).toMatch(/Boot partition: 1 \(partition 1 is a FAT filesystem labelled/);
    const drives = JSON.parse(benchtop(['drives', '--show-virtual', '--json']).stdout) as {
      device: string;
      virtual: boolean;
      serial?: string;
    }[];
    for (const loop of loops)
      expect(drives.find((d) => d.device === loop.device)).toMatchObject({
        virtual: true,
        serial: `loop:${loop.file}`,
      });
    const plain = JSON.parse(benchtop(['drives', '--json']).stdout) as { device: string }[];
    expect(plain.map((d) => d.device)).not.toContain(loops[0]?.device);
  });

  it('appends a second run to the manifest with --append', () => {
    const manifest = join(dir, 'append.json');
    for (let run = 0; run < 2; run++) {
      const result = benchtop([
        'flash',
        image.path,
        '-t',
        loops[0]!.device,
        '--dev-mode',
        '--manifest',
        manifest,
        '--append',
      ]);
      expect(result.code).toBe(0);
    }
    const written = JSON.parse(readFileSync(manifest, 'utf8')) as { cards: FlashResult['cards'] };
    expect(written.cards).toHaveLength(2);
    expect(written.cards[0]?.uuid).not.toBe(written.cards[1]?.uuid);
  });

  it.each([
    ['gz', { bootType: 0x0e as const, label: null }],
    ['bz2', { table: 'gpt' as const, label: null }],
    ['zip', { label: 'balena-boot' }],
  ])(
    'writes a %s image and configures its boot partition with --hostname and --dev-mode',
    (format, spec) => {
      const variant = buildImage(dir, `variant-${format}.img`, spec);
      const source = compress(variant.path, format as 'gz' | 'bz2' | 'zip');
      const run = benchtop([
        'flash',
        source,
        '-t',
        loops[1]!.device,
        '--hostname',
        'rig7',
        '--dev-mode',
        '--json',
      ]);
      expect(run.code).toBe(0);
      const config = configOn(loops[1]!.device, variant.bootOffset);
      expect(config).toMatchObject({ hostname: 'rig7', developmentMode: true });
      const result = lastResult(run.stdout);
      expect(result.cards[0]).toMatchObject({
        verified: true,
        configVerified: true,
        hostname: 'rig7',
      });
    },
  );

  it('writes Wi-Fi settings as a NetworkManager file and never prints the key', () => {
    const psk = join(dir, 'psk');
    writeFileSync(psk, 'correct-horse-battery\n');
    const run = benchtop([
      'flash',
      image.path,
      '-t',
      loops[2]!.device,
      '--wifi-ssid',
      'Bench',
      '--wifi-psk-file',
      psk,
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('correct-horse-battery');
    expect(mtype(loops[2]!.device, image.bootOffset, 'system-connections/benchtop-wifi')).toContain(
      'psk=correct-horse-battery',
    );
    // Without --manifest the run is still recorded, under Benchtop's folder, without the key.
    const result = lastResult(run.stdout);
    expect(result.manifest).toMatch(new RegExp(`^${home}/manifests/flash-.*\\.json$`));
    const saved = readFileSync(result.manifest ?? '', 'utf8');
    expect(saved).toContain(loops[2]!.device);
    expect(saved).not.toContain('correct-horse-battery');
  });
});

describe('benchtop flash: bad input gets its message and nothing is written', () => {
  const untouched = (loop: LoopDevice): boolean =>
    readBytes(loop.device, 0, 1024 * 1024).every((byte) => byte === 0);

  it('a missing image', () => {
    zeroHead(loops[0]!.device);
    const run = benchtop(['flash', join(dir, 'missing.img'), '-t', loops[0]!.device]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/There is no image at .*missing\.img/);
    expect(untouched(loops[0]!)).toBe(true);
  });

  it('a file that is not a disk image', () => {
    const text = join(dir, 'readme.img');
    writeFileSync(text, 'hello\n'.repeat(1000));
    const run = benchtop(['flash', text, '-t', loops[0]!.device]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a disk image/);
    expect(untouched(loops[0]!)).toBe(true);
  });

  it.each(['gz', 'xz', 'zip'] as const)('a truncated .%s', (format) => {
    const big = buildImage(dir, `trunc-${format}.img`, { rootDataMiB: 12 });
    const full = compress(big.path, format);
    const cut = join(dir, `cut-${format}.img.${format}`);
    copyFileSync(full, cut);
    truncateSync(cut, Math.floor(readFileSync(full).length * 0.6));
    const run = benchtop(['flash', cut, '-t', loops[0]!.device]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/damaged|Cannot read|truncated|corrupt/i);
    expect(untouched(loops[0]!)).toBe(true);
  });

  it('an image larger than the target', () => {
    const small = attachLoop(dir, 'small.bin', 32);
    try {
      const run = benchtop(['flash', image.path, '-t', small.device]);
      expect(run.code).toBe(4);
      expect(run.stderr).toMatch(/the image needs/);
    } finally {
      detachLoop(small);
    }
  });

  it('config JSON that does not parse, or fails the schema', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"hostname": "x",');
    let run = benchtop(['flash', image.path, '-t', loops[0]!.device, '--config', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.json is not valid JSON/);
    writeFileSync(broken, '{"developmentMode": "yes"}');
    run = benchtop(['flash', image.path, '-t', loops[0]!.device, '--config', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/developmentMode/);
    expect(untouched(loops[0]!)).toBe(true);
  });

  it('no boot partition when config was asked for', () => {
    const plain = buildImage(dir, 'plain.img', { label: 'DATA', balenaFiles: false });
    const run = benchtop(['flash', plain.path, '-t', loops[0]!.device, '--hostname', 'x']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/no boot partition/);
    expect(untouched(loops[0]!)).toBe(true);
  });

  it('the system drive as a target fails alone; the other card is written', () => {
    const system = JSON.parse(benchtop(['drives', '--json']).stdout) as {
      device: string;
      system: boolean;
    }[];
    const systemDrive = system.find((drive) => drive.system)?.device;
    if (!systemDrive) throw new Error('drivelist reports no system drive on this machine');
    const run = benchtop(['flash', image.path, '-t', systemDrive, '-t', loops[0]!.device]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/system drive/);
    expect(run.stdout).toMatch(new RegExp(`${loops[0]!.device}\\s+ok`));
  });
});

describe('flash through the contract', () => {
  const flash = async (input: Parameters<Engine['dispatch']>[1]) => {
    const { jobId } = (await engine.dispatch('flash.start', input, {
      transport: 'local',
      clientId: 't',
    })) as {
      jobId: string;
    };
    return jobId;
  };

  it('a target failing mid-write is reported while the others finish', async () => {
    // A loop device over a file on a 16 MiB tmpfs: writes past 16 MiB fail with EIO.
    const mnt = join(dir, 'tiny');
    execFileSync('mkdir', ['-p', mnt]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mnt]);
    const dense = buildImage(dir, 'dense.img', { rootDataMiB: 16 });
    let failing: LoopDevice | undefined;
    try {
      failing = attachLoop(mnt, 'failing.bin', 128);
      const jobId = await flash({ image: dense.path, targets: [loops[0]!.device, failing.device] });
      const job = await engine.jobs.wait(jobId);
      expect(job.state).toBe('succeeded');
      const result = jobResult('flash.start', job);
      expect(result.cards[0]).toMatchObject({ verified: true });
      expect(result.cards[0]?.error).toBeUndefined();
      expect(result.cards[1]?.verified).toBe(false);
      expect(result.cards[1]?.error).toContain(failing.device);
      expect(job.tasks.find((t) => t.id === failing!.device)?.state).toBe('failed');
    } finally {
      detachLoop(failing);
      execFileSync('umount', [mnt]);
    }
  });

  it('verification catches a corruption made between write and verify, naming the region', async () => {
    const jobId = await flash({ image: image.path, targets: [loops[1]!.device], verify: false });
    expect((await engine.jobs.wait(jobId)).state).toBe('succeeded');
    const offset = image.bootOffset + 8192;
    execFileSync('sh', [
      '-c',
      `printf 'XXXX' | dd of=${loops[1]!.device} bs=1 seek=${offset} conv=notrunc status=none`,
    ]);
    const { createReadStream } = await import('node:fs');
    const result = await verifyTargets({
      stream: createReadStream(image.path),
      ranges: undefined,
      targets: [loops[1]!.device],
      onProgress: () => undefined,
    });
    expect(result.failures.get(loops[1]!.device)?.message).toMatch(
      new RegExp(
        `${loops[1]!.device} does not hold what was written: bytes ${offset}–${offset + 4095}`,
      ),
    );
  });

  it('cancel stops the write and marks the cards incomplete', async () => {
    const big = buildImage(dir, 'big.img', { rootMiB: 600, rootDataMiB: 560 });
    const target = attachLoop(dir, 'big-card.bin', 700);
    try {
      const jobId = await flash({ image: big.path, targets: [target.device] });
      await new Promise<void>((resolve) => {
        const stop = engine.bus.on('job.update', (job) => {
          if (job.id === jobId && job.tasks[0]?.phase === 'flashing') {
            stop();
            resolve();
          }
        });
      });
      engine.jobs.cancel(jobId);
      const job = await engine.jobs.wait(jobId);
      expect(job.state).toBe('cancelled');
      expect(job.tasks[0]?.state).toBe('cancelled');
    } finally {
      detachLoop(target);
    }
  });

  it('uses a bmap beside the image for a sparse write', async () => {
    const sparse = buildImage(dir, 'mapped.img');
    execFileSync('bmaptool', ['create', '-o', join(dir, 'mapped.bmap'), sparse.path], {
      stdio: 'ignore',
    });
    const info = (await engine.dispatch(
      'image.inspect',
      { image: sparse.path },
      { transport: 'local', clientId: 't' },
    )) as {
      bmap?: string;
    };
    expect(info.bmap).toBe(join(dir, 'mapped.bmap'));
    const jobId = await flash({ image: sparse.path, targets: [loops[2]!.device] });
    const job = await engine.jobs.wait(jobId);
    expect(job.state).toBe('succeeded');
    const result = jobResult('flash.start', job);
    expect(result.sparse).toBe(true);
    expect(result.bytesWritten).toBeLessThan(sparse.size);
    expect(result.cards[0]?.verified).toBe(true);
  });
});

describe('flash: mounted targets, permission, images over HTTP', () => {
  it('unmounts a mounted target before writing, and says so', async () => {
    const mounted = attachLoop(dir, 'mounted.bin', 128);
    const mnt = join(dir, 'mnt');
    execFileSync('mkdir', ['-p', mnt]);
    try {
      // ext4: the one disk filesystem every kernel here mounts (vfat may be missing).
      execFileSync('mkfs.ext4', ['-q', '-F', mounted.device], { stdio: 'ignore' });
      execFileSync('mount', [mounted.device, mnt]);
      const phases: string[] = [];
      const stop = engine.bus.on('job.update', (job) => {
        const phase = job.tasks[0]?.phase;
        if (phase && phases.at(-1) !== phase) phases.push(phase);
      });
      const listed = (await engine.dispatch(
        'drives.list',
        { showVirtual: true },
        { transport: 'local', clientId: 't' },
      )) as { device: string; warnings: { code: string; message: string }[] }[];
      expect(listed.find((d) => d.device === mounted.device)?.warnings).toContainEqual(
        expect.objectContaining({
          code: 'mounted',
          message: expect.stringContaining('unmounted before writing') as unknown,
        }),
      );
      const { jobId } = (await engine.dispatch(
        'flash.start',
        { image: image.path, targets: [mounted.device] },
        { transport: 'local', clientId: 't' },
      )) as { jobId: string };
      const job = await engine.jobs.wait(jobId);
      stop();
      expect(job.state).toBe('succeeded');
      expect(phases).toContain('unmounting');
      expect(readFileSync('/proc/mounts', 'utf8')).not.toContain(mnt);
    } finally {
      spawnSync('umount', [mnt]);
      detachLoop(mounted);
    }
  });

  it('without the rights to write, says so and writes nothing', () => {
    // A world-readable copy of the image, run as nobody: no root, and no sudo/pkexec to ask.
    const open = mkdtempSync(join(tmpdir(), 'benchtop-nobody-'));
    try {
      chmodSync(open, 0o777);
      const copy = join(open, 'os.img');
      copyFileSync(image.path, copy);
      chmodSync(copy, 0o644);
      zeroHead(loops[0]!.device);
      const run = spawnSync(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          cli,
          'flash',
          copy,
          '-t',
          loops[0]!.device,
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, BENCHTOP_HOME: open, HOME: open },
          timeout: 60_000,
        },
      );
      expect(run.stderr).toMatch(/administrator rights/);
      expect(run.status).toBe(4);
      expect(readBytes(loops[0]!.device, 0, 65536).every((byte) => byte === 0)).toBe(true);
    } finally {
      rmSync(open, { recursive: true, force: true });
    }
  });

  describe('over HTTP (loopback)', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      const raw = buildImage(dir, 'served.img').path;
      const xz = compress(raw, 'xz');
      server = createServer((req, res) => {
        const cut = /^\/cut-(\d+)\.img(\.xz)?$/.exec(req.url ?? '');
        if (cut) {
          // Says the whole size, sends a part, then hangs up: a download that breaks off.
          const file = cut[2] ? xz : raw;
          const size = statSync(file).size;
          res.writeHead(200, { 'content-length': size });
          const part = Math.floor((size * Number(cut[1])) / 100);
          res.write(readFileSync(file).subarray(0, part), () => res.destroy());
          return;
        }
        const file =
          req.url === '/served.img.xz' ? xz : req.url === '/served.img' ? raw : undefined;
        if (!file) {
          res.writeHead(404).end('not here');
          return;
        }
        res.writeHead(200, { 'content-length': statSync(file).size });
        if (req.method === 'HEAD') res.end();
        else openStream(file).pipe(res);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('no server address');
      base = `http://127.0.0.1:${address.port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
    });

    it('downloads a raw image from a URL, verifies and configures the card', async () => {
      const run = await benchtopAsync([
        'flash',
        `${base}/served.img`,
        '-t',
        loops[1]!.device,
        '--hostname',
        'web0',
        '--json',
      ]);
      expect(run.stderr).not.toMatch(/benchtop:/);
      expect(run.code).toBe(0);
      const result = lastResult(run.stdout);
      expect(result.cards[0]).toMatchObject({
        verified: true,
        configVerified: true,
        hostname: 'web0',
      });
    });

    it('streams a compressed image from a URL and configures the card', async () => {
      const run = await benchtopAsync([
        'flash',
        `${base}/served.img.xz`,
        '-t',
        loops[2]!.device,
        '--hostname',
        'web1',
      ]);
      expect(run.stderr).not.toMatch(/benchtop:/);
      expect(run.code).toBe(0);
      expect(configOn(loops[2]!.device, image.bootOffset)).toMatchObject({ hostname: 'web1' });
    });

    // Cut early, inspecting finds it; cut late, the writer's download does (before writing).
    it('says a raw image download cut mid-way must be started again, and writes nothing', async () => {
      zeroHead(loops[2]!.device);
      const run = await benchtopAsync(['flash', `${base}/cut-80.img`, '-t', loops[2]!.device]);
      expect(run.stderr).toMatch(/broke off/);
      expect(run.code).toBe(3);
      expect(readBytes(loops[2]!.device, 0, 65536).every((byte) => byte === 0)).toBe(true);
    });

    it.each([30, 97])(
      'says a download cut at %i percent must be started again, and writes nothing',
      async (percent) => {
        zeroHead(loops[2]!.device);
        const run = await benchtopAsync([
          'flash',
          `${base}/cut-${percent}.img.xz`,
          '-t',
          loops[2]!.device,
        ]);
        expect(run.stderr).toMatch(/broke off/);
        expect(run.code).toBe(3);
        expect(run.stderr).toMatch(/broke off/);
        expect(readBytes(loops[2]!.device, 0, 65536).every((byte) => byte === 0)).toBe(true);
      },
    );

    it('names the HTTP status when the URL is wrong', async () => {
      const run = await benchtopAsync(['image', 'inspect', `${base}/nope.img.xz`]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/HTTP 404/);
    });
  });
});
