// SPDX-License-Identifier: Apache-2.0
// Flash through the engine's contract (as the UI and WebSocket call it), on loop devices.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlockMap } from 'blockmap';
import { describe, expect, it, vi } from 'vitest';
import { jobResult } from '../../src/shared/job-result.js';
import type { Engine } from '../../src/main/engine.js';
import { verifyTargets } from '../../src/main/flash/writer/verify-targets.js';
import { buildImage } from '../fixtures/build-image.js';
import { useFlashBench } from '../fixtures/flash-bench.js';
import { attachLoop, detachLoop, holdersOf, type LoopDevice } from '../fixtures/loop-devices.js';
import { localOwner } from '../../src/main/contract/local-owner.js';

const bench = useFlashBench('benchtop-flash-write-');

describe('flash through the contract', () => {
  const flash = async (input: Parameters<Engine['dispatch']>[1]) => {
    const { jobId } = (await bench.engine.dispatch('flash.start', input, {
      transport: 'local',
      clientId: 't',
      caller: localOwner(),
    })) as {
      jobId: string;
    };
    return jobId;
  };

  it('a target failing mid-write is reported while the others finish', async () => {
    // A loop device over a file on a 16 MiB tmpfs: writes past 16 MiB fail with EIO.
    const mnt = join(bench.dir, 'tiny');
    execFileSync('mkdir', ['-p', mnt]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mnt]);
    const dense = buildImage(bench.dir, 'dense.img', { rootDataMiB: 16 });
    let failing: LoopDevice | undefined;
    try {
      failing = attachLoop(mnt, 'failing.bin', 128);
      const jobId = await flash({
        image: dense.path,
        targets: [bench.loops[0]!.device, failing.device],
      });
      const job = await bench.engine.jobs.wait(jobId);
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
    const jobId = await flash({
      image: bench.image.path,
      targets: [bench.loops[1]!.device],
      verify: false,
    });
    expect((await bench.engine.jobs.wait(jobId)).state).toBe('succeeded');
    const offset = bench.image.bootOffset + 8192;
    execFileSync('sh', [
      '-c',
      `printf 'XXXX' | dd of=${bench.loops[1]!.device} bs=1 seek=${offset} conv=notrunc status=none`,
    ]);
    const { createReadStream } = await import('node:fs');
    const result = await verifyTargets({
      stream: createReadStream(bench.image.path),
      ranges: undefined,
      targets: [bench.loops[1]!.device],
      onProgress: () => undefined,
    });
    expect(result.failures.get(bench.loops[1]!.device)?.message).toMatch(
      new RegExp(
        `${bench.loops[1]!.device} does not hold what was written: bytes ${offset}–${offset + 4095}`,
      ),
    );
  });

  it('cancel stops the write and marks the cards incomplete', async () => {
    const big = buildImage(bench.dir, 'big.img', { rootMiB: 600, rootDataMiB: 560 });
    const target = attachLoop(bench.dir, 'big-card.bin', 700);
    try {
      const jobId = await flash({ image: big.path, targets: [target.device] });
      await new Promise<void>((resolve) => {
        const stop = bench.engine.bus.on('job.update', (job) => {
          if (job.id === jobId && job.tasks[0]?.phase === 'flashing') {
            stop();
            resolve();
          }
        });
      });
      bench.engine.jobs.cancel(jobId);
      const job = await bench.engine.jobs.wait(jobId);
      expect(job.state).toBe('cancelled');
      expect(job.tasks[0]?.state).toBe('cancelled');
      // This engine is a root CLI's (as here): the write ran in this process and must stop
      // there too, letting the card go, not run on to the end.
      await vi.waitFor(() => expect(holdersOf(target.device, { self: true })).toEqual([]), {
        timeout: 5000,
      });
    } finally {
      detachLoop(target);
    }
  });

  it('uses a bmap beside the image for a sparse write', async () => {
    const sparse = buildImage(bench.dir, 'mapped.img');
    execFileSync('bmaptool', ['create', '-o', join(bench.dir, 'mapped.bmap'), sparse.path], {
      stdio: 'ignore',
    });
    const info = (await bench.engine.dispatch(
      'image.inspect',
      { image: sparse.path },
      { transport: 'local', clientId: 't', caller: localOwner() },
    )) as {
      bmap?: string;
    };
    expect(info.bmap).toBe(join(bench.dir, 'mapped.bmap'));
    const jobId = await flash({ image: sparse.path, targets: [bench.loops[2]!.device] });
    const job = await bench.engine.jobs.wait(jobId);
    expect(job.state).toBe('succeeded');
    const result = jobResult('flash.start', job);
    expect(result.sparse).toBe(true);
    expect(result.bytesWritten).toBeLessThan(sparse.size);
    expect(result.cards[0]?.verified).toBe(true);
    // Verified over the bmap's ranges only, and the checksum is theirs, in offset order.
    const map = BlockMap.parse(readFileSync(join(bench.dir, 'mapped.bmap'), 'utf8'));
    const image = readFileSync(sparse.path);
    const mapped = createHash('sha256');
    for (const range of map.ranges)
      mapped.update(image.subarray(range.start * map.blockSize, (range.end + 1) * map.blockSize));
    expect(result.cards[0]?.imageChecksum).toBe(`sha256-mapped:${mapped.digest('hex')}`);
  });
});

describe('flash: mounted targets', () => {
  it('unmounts a mounted target before writing, and says so', async () => {
    const mounted = attachLoop(bench.dir, 'mounted.bin', 128);
    const mnt = join(bench.dir, 'mnt');
    execFileSync('mkdir', ['-p', mnt]);
    try {
      // ext4: the one disk filesystem every kernel here mounts (vfat may be missing).
      execFileSync('mkfs.ext4', ['-q', '-F', mounted.device], { stdio: 'ignore' });
      execFileSync('mount', [mounted.device, mnt]);
      const phases: string[] = [];
      const stop = bench.engine.bus.on('job.update', (job) => {
        const phase = job.tasks[0]?.phase;
        if (phase && phases.at(-1) !== phase) phases.push(phase);
      });
      const listed = (await bench.engine.dispatch(
        'drives.list',
        { showVirtual: true },
        { transport: 'local', clientId: 't', caller: localOwner() },
      )) as { device: string; warnings: { code: string; message: string }[] }[];
      expect(listed.find((d) => d.device === mounted.device)?.warnings).toContainEqual(
        expect.objectContaining({
          code: 'mounted',
          message: expect.stringContaining('unmounted before writing') as unknown,
        }),
      );
      const { jobId } = (await bench.engine.dispatch(
        'flash.start',
        { image: bench.image.path, targets: [mounted.device] },
        { transport: 'local', clientId: 't', caller: localOwner() },
      )) as { jobId: string };
      const job = await bench.engine.jobs.wait(jobId);
      stop();
      expect(job.state).toBe('succeeded');
      expect(phases).toContain('unmounting');
      expect(readFileSync('/proc/mounts', 'utf8')).not.toContain(mnt);
    } finally {
      spawnSync('umount', [mnt]);
      detachLoop(mounted);
    }
  });
});
