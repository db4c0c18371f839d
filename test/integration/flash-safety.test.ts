// SPDX-License-Identifier: Apache-2.0
// Bad input gets its message, and nothing is written: no root writer is even started.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/main/contract/event-bus.js';
import { createFlashService } from '../../src/main/flash/index.js';
import { spawnWriter } from '../../src/main/flash/writer/spawn-writer.js';
import { JobRunner } from '../../src/main/jobs/job-runner.js';
import { FlashRequest } from '../../src/shared/contract/index.js';
import { buildImage, compress } from '../fixtures/build-image.js';
import {
  benchtop,
  cli,
  untouched,
  useFlashBench,
  withImageBehindLoop,
} from '../fixtures/flash-bench.js';
import { attachLoop, detachLoop, readBytes, zeroHead } from '../fixtures/loop-devices.js';
import { localOwner } from '../../src/main/contract/local-owner.js';

const bench = useFlashBench('benchtop-flash-safety-');

describe('benchtop flash: bad input gets its message and nothing is written', () => {
  it('a missing image', () => {
    zeroHead(bench.loops[0]!.device);
    const run = benchtop(['flash', join(bench.dir, 'missing.img'), '-t', bench.loops[0]!.device]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/There is no image at .*missing\.img/);
    expect(untouched(bench.loops[0]!)).toBe(true);
  });

  it('a file that is not a disk image', () => {
    const text = join(bench.dir, 'readme.img');
    writeFileSync(text, 'hello\n'.repeat(1000));
    const run = benchtop(['flash', text, '-t', bench.loops[0]!.device]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a disk image/);
    expect(untouched(bench.loops[0]!)).toBe(true);
  });

  it.each(['gz', 'xz', 'zip'] as const)('a truncated .%s', (format) => {
    const big = buildImage(bench.dir, `trunc-${format}.img`, { rootDataMiB: 12 });
    const full = compress(big.path, format);
    const cut = join(bench.dir, `cut-${format}.img.${format}`);
    copyFileSync(full, cut);
    truncateSync(cut, Math.floor(readFileSync(full).length * 0.6));
    const run = benchtop(['flash', cut, '-t', bench.loops[0]!.device]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/damaged|Cannot read|truncated|corrupt/i);
    expect(untouched(bench.loops[0]!)).toBe(true);
  });

  it('an image larger than the target', () => {
    const small = attachLoop(bench.dir, 'small.bin', 32);
    try {
      const run = benchtop(['flash', bench.image.path, '-t', small.device]);
      expect(run.code).toBe(4);
      expect(run.stderr).toMatch(/the image needs/);
    } finally {
      detachLoop(small);
    }
  });

  it('config JSON that does not parse, or fails the schema', () => {
    const broken = join(bench.dir, 'broken.json');
    writeFileSync(broken, '{"hostname": "x",');
    let run = benchtop([
      'flash',
      bench.image.path,
      '-t',
      bench.loops[0]!.device,
      '--config',
      broken,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.json is not valid JSON/);
    writeFileSync(broken, '{"developmentMode": "yes"}');
    run = benchtop(['flash', bench.image.path, '-t', bench.loops[0]!.device, '--config', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/developmentMode/);
    expect(untouched(bench.loops[0]!)).toBe(true);
  });

  it('no boot partition when config was asked for', () => {
    const plain = buildImage(bench.dir, 'plain.img', { label: 'DATA', balenaFiles: false });
    const run = benchtop(['flash', plain.path, '-t', bench.loops[0]!.device, '--hostname', 'x']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/no boot partition/);
    expect(untouched(bench.loops[0]!)).toBe(true);
  });

  it('without the rights to write, says so and writes nothing', () => {
    // A world-readable copy of the image, run as nobody: no root, and no sudo/pkexec to ask.
    const open = mkdtempSync(join(tmpdir(), 'benchtop-nobody-'));
    try {
      chmodSync(open, 0o777);
      const copy = join(open, 'os.img');
      copyFileSync(bench.image.path, copy);
      chmodSync(copy, 0o644);
      zeroHead(bench.loops[0]!.device);
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
          bench.loops[0]!.device,
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, BENCHTOP_HOME: open, HOME: open },
          timeout: 60_000,
        },
      );
      expect(run.stderr).toMatch(/administrator rights/);
      expect(run.status).toBe(4);
      expect(readBytes(bench.loops[0]!.device, 0, 65536).every((byte) => byte === 0)).toBe(true);
    } finally {
      rmSync(open, { recursive: true, force: true });
    }
  });
});

describe('flash: a target refused by the engine, before any root process', () => {
  it('one drive named twice (a link, /dev/../dev): exit 2 naming both spellings, nothing written', () => {
    const card = bench.loops[1]!;
    zeroHead(card.device);
    const link = join(bench.dir, 'link-to-card');
    symlinkSync(card.device, link);
    let run = benchtop(['flash', bench.image.path, '-t', card.device, '-t', link]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${card.device} and ${link} are the same drive`);
    const dotted = card.device.replace('/dev/', '/dev/../dev/');
    run = benchtop(['flash', bench.image.path, '-t', dotted, '-t', card.device]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dotted} and ${card.device} are the same drive`);
    expect(untouched(card)).toBe(true);
  });

  it('a read-only target fails alone; the other card is written', () => {
    const file = join(bench.dir, 'locked.bin');
    execFileSync('truncate', ['-s', '128M', file]);
    const locked = execFileSync('losetup', ['-r', '-f', '--show', file], {
      encoding: 'utf8',
    }).trim();
    try {
      const run = benchtop(['flash', bench.image.path, '-t', locked, '-t', bench.loops[2]!.device]);
      expect(run.code).toBe(4);
      expect(run.stderr).toMatch(new RegExp(`${locked} is read-only`));
      expect(run.stdout).toMatch(new RegExp(`${bench.loops[2]!.device}\\s+ok`));
    } finally {
      detachLoop({ device: locked, file });
    }
  });

  it('an image on a loop device whose backing file is on the target: the drive holding the image', () =>
    withImageBehindLoop(bench, (held, outer) => {
      const run = benchtop(['flash', held, '-t', outer.device]);
      expect(run.code).toBe(4);
      expect(run.stderr).toContain(`${outer.device} holds the image being written (${held})`);
      expect(readFileSync('/proc/mounts', 'utf8')).toContain(outer.mnt);
    }));
});

describe('no root process before the engine has checked the request', () => {
  it('a missing image, a bad target, one drive twice, an image too large: no writer started', async () => {
    const bus = new EventBus();
    const jobs = new JobRunner(bus);
    let started = 0;
    const service = createFlashService({
      bus,
      jobs,
      spawnWriter: (onMessage) => {
        started += 1;
        return spawnWriter(onMessage);
      },
    });
    const small = attachLoop(bench.dir, 'small.bin', 8);
    const flash = async (image: string, targets: string[]) => {
      const input = FlashRequest.parse({ image, targets, verify: false });
      const { jobId } = await service.handlers['flash.start'](input, {
        transport: 'local',
        clientId: 't',
        caller: localOwner(),
      });
      return (await jobs.wait(jobId)).state;
    };
    try {
      const card = bench.loops[1]!.device;
      expect(await flash(join(bench.dir, 'missing.img'), [card])).toBe('failed');
      expect(await flash(bench.image.path, [join(bench.dir, 'os.img')])).toBe('failed');
      expect(await flash(bench.image.path, [card, card.replace('/dev/', '/dev/../dev/')])).toBe(
        'failed',
      );
      expect(await flash(bench.image.path, [small.device])).toBe('failed');
      expect(started).toBe(0);
      // The hook sees a writer when one is due: the count above is not zero by accident.
      expect(await flash(bench.image.path, [card])).toBe('succeeded');
      expect(started).toBe(1);
    } finally {
      detachLoop(small);
      await service.dispose?.();
    }
  });
});
