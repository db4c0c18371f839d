// SPDX-License-Identifier: Apache-2.0
// Verifying a sparse write over its mapped ranges only, with plain files standing in for the
// image and the cards (dropping caches is a no-op for files).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mergeRanges,
  pieces,
  verifyRanges,
  VERIFY_PIECE,
  type ReadAt,
} from '../../../src/main/flash/writer/verify-ranges.js';

const MiB = 1024 * 1024;

describe('mapped ranges', () => {
  it('are sorted, with overlapping and touching ones merged and empty ones dropped', () => {
    expect(
      mergeRanges([
        { offset: 100, length: 50 },
        { offset: 0, length: 10 },
        { offset: 10, length: 5 },
        { offset: 120, length: 100 },
        { offset: 500, length: 0 },
      ]),
    ).toEqual([
      { offset: 0, length: 15 },
      { offset: 100, length: 120 },
    ]);
  });

  it('are cut into pieces no larger than asked, covering each byte once', () => {
    expect(
      pieces(
        [
          { offset: 0, length: 10 },
          { offset: 5, length: 20 },
          { offset: 40, length: 4 },
        ],
        8,
      ),
    ).toEqual([
      { offset: 0, length: 8 },
      { offset: 8, length: 8 },
      { offset: 16, length: 8 },
      { offset: 24, length: 1 },
      { offset: 40, length: 4 },
    ]);
  });
});

describe('verifying the mapped ranges of a card', () => {
  let dir: string;
  let image: Buffer;
  const ranges = [
    { offset: 0, length: 64 * 1024 },
    // Longer than one piece, so it is read in several.
    { offset: 3 * MiB, length: VERIFY_PIECE + 12345 },
  ];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'verify-ranges-'));
    image = randomBytes(10 * MiB);
    writeFileSync(join(dir, 'image'), image);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const reader = (): { read: ReadAt; close(): void } => {
    const fd = openSync(join(dir, 'image'), 'r');
    return {
      read: async (buffer, length, offset) => readSync(fd, buffer, 0, length, offset),
      close: () => closeSync(fd),
    };
  };

  /** A card holding the image's mapped ranges and zeros elsewhere, as a sparse write leaves it. */
  const card = (name: string, change?: (bytes: Buffer) => void): string => {
    const bytes = Buffer.alloc(image.length);
    for (const { offset, length } of ranges) image.copy(bytes, offset, offset, offset + length);
    change?.(bytes);
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };

  const run = async (targets: string[]) => {
    const source = reader();
    const progress: number[] = [];
    try {
      const result = await verifyRanges({
        readImage: source.read,
        ranges,
        targets,
        onProgress: (done) => progress.push(done),
      });
      return { ...result, progress };
    } finally {
      source.close();
    }
  };

  it('passes a card that holds the mapped bytes, and names its checksum as of those only', async () => {
    const result = await run([card('good')]);
    expect(result.failures.size).toBe(0);
    const mapped = createHash('sha256');
    for (const { offset, length } of ranges) mapped.update(image.subarray(offset, offset + length));
    expect(result.checksum).toBe(`sha256-mapped:${mapped.digest('hex')}`);
    expect(result.progress.at(-1)).toBe(ranges.reduce((sum, r) => sum + r.length, 0));
  });

  it('does not read outside the ranges: what is there (not written) does not matter', async () => {
    const result = await run([card('junk-outside', (bytes) => bytes.fill(0xaa, 1 * MiB, 2 * MiB))]);
    expect(result.failures.size).toBe(0);
  });

  it('names the card that differs inside a range and where; the other card passes', async () => {
    const at = 3 * MiB + VERIFY_PIECE + 100;
    const bad = card('bad', (bytes) => {
      bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    });
    const good = card('good');
    const result = await run([bad, good]);
    expect([...result.failures.keys()]).toEqual([bad]);
    const failure = result.failures.get(bad);
    expect(failure?.code).toBe('VERIFY_FAILED');
    expect(failure?.message).toContain(`first difference at byte ${at}`);
  });

  it('a card shorter than the ranges fails; an image shorter than its map is a source error', async () => {
    const short = join(dir, 'short');
    writeFileSync(short, image.subarray(0, 3 * MiB + 10));
    expect((await run([short])).failures.get(short)?.code).toBe('VERIFY_FAILED');
    writeFileSync(join(dir, 'image'), image.subarray(0, 4 * MiB));
    await expect(run([card('good')])).rejects.toMatchObject({ code: 'CORRUPT_SOURCE' });
  });
});
