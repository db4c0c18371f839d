// SPDX-License-Identifier: Apache-2.0
// The privileged part of a flash: runs inside the writer process only. Order: re-check every
// target, then per card write, verify the image's bytes, configure, read the config back.
import { open, realpath } from 'node:fs/promises';
import { sourceDestination } from '../etcher/index.js';
import type { ErrorInfo } from '../../../shared/error-core.js';
import { isUrl } from '../../../shared/is-url.js';
import { openImage } from '../image/open-image.js';
import { abortStreams, stopIfCancelled } from './abort-streams.js';
import { BmapSource, readBmap } from './bmap-source.js';
import { configureCards } from './configure-cards.js';
import { busyMountError } from './map-write-error.js';
import { decompressFirst } from './decompress-first.js';
import { makePrivateTemp } from './private-temp.js';
import type { WriterOutput, WriterRequest } from './protocol.js';
import { recheckTargets } from './recheck-targets.js';
import { trimmedSource } from './trimmed-source.js';
import { unmountAll } from './unmount-all.js';
import { mergeRanges, verifyRanges } from './verify-ranges.js';
import { verifyTargets, type ByteRange, type VerifyResult } from './verify-targets.js';
import { writeToTargets } from './write-to-targets.js';

type Source = sourceDestination.SourceDestination;
type Send = (message: WriterOutput) => void;

/**
 * A sparse write is verified over its mapped ranges only (verify-ranges.ts); a full one, or
 * one streamed from a URL (no room for a local copy), by one pass over the whole image.
 */
async function verify(
  rawFile: string | undefined,
  reopen: () => Promise<NodeJS.ReadableStream>,
  ranges: ByteRange[] | undefined,
  targets: string[],
  size: number | undefined,
  send: Send,
): Promise<VerifyResult> {
  const progress = (total: number | undefined) => (done: number) =>
    send({
      type: 'progress',
      phase: 'verifying',
      done,
      ...(total !== undefined ? { total } : {}),
    });
  if (ranges !== undefined && rawFile !== undefined) {
    const file = await open(rawFile, 'r');
    try {
      return await verifyRanges({
        readImage: async (buffer, length, offset) =>
          (await file.read(buffer, 0, length, offset)).bytesRead,
        ranges,
        targets,
        onProgress: progress(mergeRanges(ranges).reduce((sum, r) => sum + r.length, 0)),
      });
    } finally {
      await file.close();
    }
  }
  return verifyTargets({ stream: await reopen(), ranges, targets, onProgress: progress(size) });
}

async function rangesOf(source: Source): Promise<ByteRange[] | undefined> {
  const metadata = await source.getMetadata();
  if (!metadata.blocks) return undefined;
  return metadata.blocks
    .flatMap((group) => group.blocks)
    .map((block) => ({ offset: block.offset, length: block.length }))
    .sort((a, b) => a.offset - b.offset);
}

/**
 * `cancelled` fires when the run is cancelled: the writer process exits then anyway, a write
 * inside the engine's process (in-process-writer.ts) stops at its next step.
 */
export async function runWrite(
  request: WriterRequest,
  send: Send,
  cancelled?: AbortSignal,
): Promise<void> {
  const live = new Set(request.targets.map((t) => t.device));
  const fail = (target: string, error: ErrorInfo): void => {
    if (!live.delete(target)) return;
    send({ type: 'target-failed', target, error });
  };
  const nothingLeft = (): boolean => {
    if (live.size > 0) return false;
    send({ type: 'done', imageChecksum: '', bytesWritten: 0, sparse: false });
    return true;
  };
  const imagePath = isUrl(request.image) ? undefined : await realpath(request.image);
  for (const [target, error] of await recheckTargets(request.targets, imagePath))
    fail(target, error);
  if (nothingLeft()) return;
  stopIfCancelled(cancelled);

  const temp = await makePrivateTemp(request.tmpdir);
  const image = await openImage(request.image);
  try {
    let plain: Source = image.inner;
    let reopen: () => Promise<NodeJS.ReadableStream> = () => image.inner.createReadStream();
    /** The raw image as a local file, when there is one (verify reads it at offsets). */
    let rawFile = image.format === 'raw' ? imagePath : undefined;
    if (image.format !== 'raw' || isUrl(request.image)) {
      const copy = await decompressFirst(image, request.image, temp, send);
      if (copy) {
        const file = new sourceDestination.File({ path: copy.path });
        await file.open();
        plain = file;
        rawFile = copy.path;
        reopen = () => file.createReadStream();
      }
    }

    let source: Source = plain;
    if (request.bmap) {
      source = new BmapSource(plain, await readBmap(request.bmap));
    } else if (request.trim && (await plain.canRead())) {
      // etcher-sdk's trim: free blocks of ext filesystems are not written (FAT has no trim).
      source = await trimmedSource(plain);
    }
    await source.open();
    abortStreams(source, cancelled);

    for (const target of request.targets) {
      if (!live.has(target.device) || target.mountpoints.length === 0) continue;
      send({ type: 'phase', phase: 'unmounting', target: target.device });
      const error = await unmountAll(target.mountpoints);
      if (error)
        fail(target.device, await busyMountError(target.device, target.mountpoints, error));
    }
    if (nothingLeft()) return;
    stopIfCancelled(cancelled);
    const written = await writeToTargets(request, source, live, send, fail);
    const ranges = (await source.canCreateSparseReadStream()) ? await rangesOf(source) : undefined;

    // Without verify nothing is read back, and the image is not read a second time either
    // (the manifest then carries no checksum): --no-verify is for speed.
    stopIfCancelled(cancelled);
    if (request.verify) send({ type: 'phase', phase: 'verifying' });
    const verification = !request.verify
      ? { checksum: '', failures: new Map<string, ErrorInfo>() }
      : await verify(rawFile, reopen, ranges, [...live], written.size, send);
    for (const [target, error] of verification.failures) fail(target, error);

    stopIfCancelled(cancelled);
    await configureCards(request, live, send, fail);
    send({
      type: 'done',
      imageChecksum: verification.checksum,
      bytesWritten: written.bytesWritten,
      sparse: ranges !== undefined,
    });
    await source.close().catch(() => undefined);
  } finally {
    await image.close();
    await temp.remove();
  }
}
