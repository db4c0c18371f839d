// SPDX-License-Identifier: Apache-2.0
// Verifying a sparse write (a bmap, or ext trim): only the mapped ranges were written, so only
// they are read back, from the image and from every card, instead of the whole image. On a
// 2 GiB image holding 64 MB that is 64 MB read twice rather than 2 GiB hashed. The checksum
// then covers the mapped bytes only, and says so: `sha256-mapped:<hex>` is the sha256 of the
// mapped ranges' bytes, in offset order (a whole-image pass gives `sha256:<hex>`).
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { BenchtopError, type ErrorInfo } from '../../../shared/error-core.js';
import { dropCaches } from './device-disk.js';
import { mismatchRegion, type ByteRange, type VerifyResult } from './verify-targets.js';

/** Bytes read per piece: large reads, few of them, as the write does. */
export const VERIFY_PIECE = 4 * 1024 * 1024;

/** Reads image bytes at an offset (an etcher-sdk source's read, or a file's). */
export type ReadAt = (buffer: Buffer, length: number, offset: number) => Promise<number>;

/**
 * The ranges sorted, overlapping or touching ones merged, empty ones dropped: what a card
 * holds of the image, each byte once.
 */
export function mergeRanges(ranges: readonly ByteRange[]): ByteRange[] {
  const sorted = ranges.filter((r) => r.length > 0).sort((a, b) => a.offset - b.offset);
  const merged: ByteRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.offset <= last.offset + last.length) {
      last.length = Math.max(last.length, range.offset + range.length - last.offset);
    } else merged.push({ ...range });
  }
  return merged;
}

/** The merged ranges cut into pieces of at most `size` bytes, in order. */
export function pieces(ranges: readonly ByteRange[], size = VERIFY_PIECE): ByteRange[] {
  const out: ByteRange[] = [];
  for (const range of mergeRanges(ranges)) {
    for (let at = range.offset; at < range.offset + range.length; at += size)
      out.push({ offset: at, length: Math.min(size, range.offset + range.length - at) });
  }
  return out;
}

async function readFully(read: ReadAt, buffer: Buffer, offset: number): Promise<number> {
  let done = 0;
  while (done < buffer.length) {
    const got = await read(buffer.subarray(done), buffer.length - done, offset + done);
    if (got <= 0) break;
    done += got;
  }
  return done;
}

/**
 * Reads each mapped piece of the image once and the same piece of every card, straight from
 * the cards (caches dropped); a card that differs is named with the region, the others go on.
 */
export async function verifyRanges(options: {
  readImage: ReadAt;
  ranges: readonly ByteRange[];
  targets: readonly string[];
  onProgress(done: number): void;
}): Promise<VerifyResult> {
  const hash = createHash('sha256');
  const failures = new Map<string, ErrorInfo>();
  const handles = new Map<string, FileHandle>();
  let done = 0;
  try {
    for (const target of options.targets) {
      await dropCaches(target);
      handles.set(target, await open(target, 'r'));
    }
    const expected = Buffer.alloc(VERIFY_PIECE);
    const actual = new Map([...handles.keys()].map((t) => [t, Buffer.alloc(VERIFY_PIECE)]));
    for (const piece of pieces(options.ranges)) {
      const want = expected.subarray(0, piece.length);
      const [got] = await Promise.all([
        readFully(options.readImage, want, piece.offset).catch((error: Error) => {
          throw new BenchtopError(
            'CORRUPT_SOURCE',
            `Reading the image back for verification failed: ${error.message}.`,
          );
        }),
        ...[...handles].map(async ([target, handle]) => {
          const buffer = actual.get(target)?.subarray(0, piece.length);
          if (!buffer || failures.has(target)) return;
          try {
            const { bytesRead } = await handle.read(buffer, 0, piece.length, piece.offset);
            if (bytesRead < piece.length) buffer.fill(0, bytesRead);
          } catch (error) {
            failures.set(target, {
              code: 'VERIFY_FAILED',
              message: `${target} could not be read back at byte ${piece.offset}: ${(error as Error).message}.`,
            });
          }
        }),
      ]);
      if (got < piece.length)
        throw new BenchtopError(
          'CORRUPT_SOURCE',
          `The image ends at byte ${piece.offset + got}, inside what its map says was written.`,
        );
      hash.update(want);
      for (const target of handles.keys()) {
        const buffer = actual.get(target)?.subarray(0, piece.length);
        if (!buffer || failures.has(target)) continue;
        if (!want.equals(buffer))
          failures.set(target, {
            code: 'VERIFY_FAILED',
            message: `${target} does not hold what was written: ${mismatchRegion(want, buffer, piece.offset)} differ from the image.`,
          });
      }
      done += piece.length;
      options.onProgress(done);
    }
  } finally {
    await Promise.all([...handles.values()].map((handle) => handle.close()));
  }
  return { checksum: `sha256-mapped:${hash.digest('hex')}`, failures };
}
