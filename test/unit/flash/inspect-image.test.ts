// SPDX-License-Identifier: Apache-2.0
import { execFileSync } from 'node:child_process';
import { rmSync, truncateSync, writeFileSync, copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectImage } from '../../../src/main/flash/image/inspect-image.js';
import { buildImage, compress, fixtureDir } from '../../fixtures/build-image.js';

let dir: string;
beforeAll(() => {
  dir = fixtureDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('image inspect', () => {
  it('finds a labelled FAT32 boot partition on an MBR 0x0c image, and its config.json', async () => {
    const image = buildImage(dir, 'labelled.img', { config: { deviceType: 'raspberrypi4-64' } });
    const info = await inspectImage(image.path);
    expect(info.format).toBe('raw');
    expect(info.size).toBe(image.size);
    expect(info.partitionTable).toBe('mbr');
    expect(info.partitions.map((p) => p.filesystem)).toEqual(['fat', 'ext']);
    expect(info.bootPartition).toMatchObject({ index: 1, type: '0x0c' });
    expect(info.bootPartition?.label?.toLowerCase()).toBe('resin-boot');
    expect(info.bootPartition?.offset).toBe(image.bootOffset);
    expect(info.config).toEqual({ deviceType: 'raspberrypi4-64' });
  });

  it('finds an unlabelled FAT16 0x0e boot partition by its balenaOS files', async () => {
    const image = buildImage(dir, 'fat16.img', { bootType: 0x0e, label: null });
    const info = await inspectImage(image.path);
    expect(info.bootPartition).toMatchObject({ index: 1, type: '0x0e' });
    expect(info.bootReason).toContain('balenaOS boot files');
  });

  it('finds the EFI system partition of a GPT image', async () => {
    const image = buildImage(dir, 'gpt.img', { table: 'gpt', label: null });
    const info = await inspectImage(image.path);
    expect(info.partitionTable).toBe('gpt');
    expect(info.bootPartition?.type).toBe('c12a7328-f81f-11d2-ba4b-00a0c93ec93b');
  });

  it('says why no boot partition was taken when the FAT holds no balenaOS files', async () => {
    const image = buildImage(dir, 'plain.img', { label: 'DATA', balenaFiles: false });
    const info = await inspectImage(image.path);
    expect(info.bootPartition).toBeUndefined();
    expect(info.bootReason).toMatch(/no balenaOS boot files/);
  });

  it.each(['gz', 'xz', 'bz2', 'zip'] as const)(
    'reads a %s-compressed image: sizes, table and boot partition',
    async (format) => {
      const image = buildImage(dir, `c-${format}.img`);
      const compressed = compress(image.path, format);
      const info = await inspectImage(compressed);
      expect(info.format).toBe({ gz: 'gzip', xz: 'xz', bz2: 'bzip2', zip: 'zip' }[format]);
      expect(info.compressedSize).toBe(statSync(compressed).size);
      expect(info.bootPartition?.index).toBe(1);
      expect(info.partitions).toHaveLength(2);
    },
    // A bz2 stream has no size field: inspect decompresses all 65 MiB to count it, which takes
    // seconds alone and over 30 s on a 2-core machine running the other unit files beside it.
    90_000,
  );

  it('refuses a missing file, naming it', async () => {
    await expect(inspectImage(join(dir, 'nope.img'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(inspectImage(join(dir, 'nope.img'))).rejects.toThrow(/nope\.img/);
  });

  it('refuses a file that is not a disk image', async () => {
    const text = join(dir, 'notes.img');
    writeFileSync(text, 'just some text, not a disk\n'.repeat(100));
    await expect(inspectImage(text)).rejects.toMatchObject({ code: 'NOT_AN_IMAGE' });
  });

  it('refuses a truncated .xz as corrupt', async () => {
    const image = buildImage(dir, 'trunc.img');
    const xz = compress(image.path, 'xz');
    const cut = join(dir, 'trunc-cut.img.xz');
    copyFileSync(xz, cut);
    truncateSync(cut, 2000);
    await expect(inspectImage(cut)).rejects.toMatchObject({ code: 'CORRUPT_SOURCE' });
  });

  it('refuses a zip that holds two images, listing them, and reads one with a readme beside it', async () => {
    const first = buildImage(dir, 'first.img', { rootMiB: 8 });
    const second = buildImage(dir, 'second.img', { rootMiB: 8 });
    const readme = join(dir, 'README.txt');
    writeFileSync(readme, 'flash me\n');
    const two = join(dir, 'two.zip');
    execFileSync('zip', ['-q', '-j', '-1', two, first.path, second.path, readme]);
    await expect(inspectImage(two)).rejects.toThrow(
      /two\.zip holds 2 disk images \(first\.img, second\.img\), and a flash writes one/,
    );
    await expect(inspectImage(two)).rejects.toMatchObject({ code: 'NOT_AN_IMAGE' });
    const one = join(dir, 'one.zip');
    execFileSync('zip', ['-q', '-j', '-1', one, first.path, readme]);
    expect(await inspectImage(one)).toMatchObject({ format: 'zip', size: first.size });
  });

  it('says what to do with a zstd image', async () => {
    const image = buildImage(dir, 'z.img');
    const zst = compress(image.path, 'zst');
    await expect(inspectImage(zst)).rejects.toMatchObject({ code: 'NOT_AN_IMAGE' });
    await expect(inspectImage(zst)).rejects.toThrow(/zstd -d/);
  });
});
