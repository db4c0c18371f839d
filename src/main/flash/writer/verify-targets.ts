// SPDX-License-Identifier: Apache-2.0
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { BenchtopError, type ErrorInfo } from '../../../shared/error-core.js';
import { dropCaches } from './device-disk.js';

export interface ByteRange {
  offset: number;
  length: number;
}

export interface VerifyOptions {
  /** The image bytes, from the start (decompressed). */
  stream: NodeJS.ReadableStream;
  /** Only these ranges were written (sparse write); undefined means every byte. */
  ranges: ByteRange[] | undefined;
  targets: string[];
  onProgress(done: number): void;
}

export interface VerifyResult {
  /** sha256 of the whole image. */
  checksum: string;
  /** Per target that differs: what differs, where. */
  failures: Map<string, ErrorInfo>;
}

/** The pieces of [start, end) that fall in the written ranges (sorted, non-overlapping). */
export function overlaps(ranges: ByteRange[] | undefined, start: number, end: number): ByteRange[] {
  if (ranges === undefined) return [{ offset: start, length: end - start }];
  const out: ByteRange[] = [];
  for (const range of ranges) {
    const a = Math.max(start, range.offset);
    const b = Math.min(end, range.offset + range.length);
    if (a < b) out.push({ offset: a, length: b - a });
  }
  return out;
}

/** Names where two buffers first differ, as a 4 KiB-aligned region a person can look at. */
export function mismatchRegion(expected: Buffer, actual: Buffer, offset: number): string {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  const at = offset + i;
  const start = at - (at % 4096);
  return `bytes ${start}–${start + 4095} (first difference at byte ${at})`;
}

async function eachChunk(
  stream: NodeJS.ReadableStream,
  fn: (chunk: Buffer) => Promise<void>,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let busy = Promise.resolve();
    stream.on('data', (value: Buffer | { buffer: Buffer }) => {
      const chunk = Buffer.isBuffer(value) ? value : value.buffer;
      stream.pause();
      busy = busy
        .then(() => fn(Buffer.from(chunk)))
        .then(
          () => void stream.resume(),
          (error: unknown) => reject(error as Error),
        );
    });
    stream.on('end', () => void busy.then(resolve, reject));
    stream.on('error', reject);
  });
}

/**
 * Reads the image once and every target alongside it, straight from the cards (caches
 * dropped), comparing the bytes that were written. A target that differs is named with the
 * region; the others go on. The image's sha256 comes from the same pass.
 */
export async function verifyTargets(options: VerifyOptions): Promise<VerifyResult> {
  const hash = createHash('sha256');
  const failures = new Map<string, ErrorInfo>();
  const handles = new Map<string, FileHandle>();
  for (const target of options.targets) {
    await dropCaches(target);
    handles.set(target, await open(target, 'r'));
  }
  let position = 0;
  try {
    await eachChunk(options.stream, async (chunk) => {
      hash.update(chunk);
      const start = position;
      position += chunk.length;
      const pieces = overlaps(options.ranges, start, position);
      await Promise.all(
        [...handles].map(async ([target, handle]) => {
          if (failures.has(target)) return;
          for (const piece of pieces) {
            const expected = chunk.subarray(
              piece.offset - start,
              piece.offset - start + piece.length,
            );
            const actual = Buffer.alloc(piece.length);
            const { bytesRead } = await handle.read(actual, 0, piece.length, piece.offset);
            if (bytesRead < piece.length || !expected.equals(actual)) {
              failures.set(target, {
                code: 'VERIFY_FAILED',
                message: `${target} does not hold what was written: ${mismatchRegion(expected, actual, piece.offset)} differ from the image.`,
              });
              return;
            }
          }
        }),
      );
      options.onProgress(position);
    });
  } catch (error) {
    throw new BenchtopError(
      'CORRUPT_SOURCE',
      `Reading the image back for verification failed: ${(error as Error).message}.`,
    );
  } finally {
    await Promise.all([...handles.values()].map((handle) => handle.close()));
  }
  return { checksum: `sha256:${hash.digest('hex')}`, failures };
}
