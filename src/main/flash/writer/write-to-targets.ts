// SPDX-License-Identifier: Apache-2.0
// The write itself: one source to every live card at once with etcher-sdk, then a flush of
// each card, since direct writes can still sit in a drive's (or a card reader's) cache.
import type * as drivelist from 'drivelist';
import type { ErrorInfo } from '../../../shared/error-core.js';
import { multiWrite, sourceDestination } from '../etcher/index.js';
import { CardFlusher } from './card-flusher.js';
import { mapWriteError } from './map-write-error.js';
import type { WriterOutput, WriterRequest } from './protocol.js';
import { sourceError } from './source-error.js';

/** etcher-sdk's BlockDevice wants a drivelist record; for explicit paths we describe it. */
function driveFor(device: string, size: number): drivelist.Drive {
  return {
    device,
    raw: device,
    devicePath: null,
    description: device,
    size,
    blockSize: 512,
    logicalBlockSize: 512,
    mountpoints: [],
    isReadOnly: false,
    isSystem: false,
    isVirtual: false,
    isRemovable: true,
    isCard: null,
    isSCSI: null,
    isUSB: null,
    isUAS: null,
    busType: 'UNKNOWN',
    busVersion: null,
    enumerator: 'benchtop',
    error: null,
    partitionTableType: null,
  };
}

/**
 * Aligned buffers in flight. A sparse stream reads WRITE_CHUNK (4 MiB) pieces, and each
 * aligned buffer is external memory to V8: sixteen of them cost a third of a second of GC,
 * more than a 64 MB write takes, where two (one read into, one written) keep up. etcher-sdk's
 * plain stream reads 1 MiB pieces and needs its sixteen: with two, a dense write took half
 * as long again.
 */
async function bufferCount(source: sourceDestination.SourceDestination): Promise<number> {
  return (await source.canCreateSparseReadStream()) ? 2 : 16;
}

export async function writeToTargets(
  request: WriterRequest,
  source: sourceDestination.SourceDestination,
  live: ReadonlySet<string>,
  send: (message: WriterOutput) => void,
  fail: (target: string, error: ErrorInfo) => void,
): Promise<{ bytesWritten: number; size: number | undefined }> {
  const destinations = request.targets
    .filter((target) => live.has(target.device))
    .map(
      (target) =>
        new sourceDestination.BlockDevice({
          drive: driveFor(target.device, target.size),
          write: true,
          direct: true,
          unmountOnSuccess: false,
          keepOriginal: true,
        }),
    );
  const flusher = await CardFlusher.open(destinations.map((d) => d.device));
  send({ type: 'phase', phase: 'flashing' });
  const { size } = await source.getMetadata();
  const result = await multiWrite
    .pipeSourceToDestinations({
      source,
      destinations,
      verify: false,
      numBuffers: await bufferCount(source),
      onFail: (destination, error) => {
        const device = (destination as sourceDestination.BlockDevice).device;
        fail(device, mapWriteError(device, error));
      },
      onProgress: (progress) => {
        const sparse = progress.sparse === true;
        flusher.progress(progress.bytes);
        const total = sparse ? progress.blockmappedSize : (progress.size ?? size);
        send({
          type: 'progress',
          phase: 'flashing',
          done: sparse ? progress.bytes : progress.position,
          ...(total !== undefined ? { total } : {}),
        });
      },
    })
    .catch(async (error: Error) => {
      await flusher.close();
      throw sourceError(request.image, error, 'The cards are incomplete: flash them again.');
    });
  // Flush before a card is read back or called done, as dd's conv=fsync does.
  send({ type: 'phase', phase: 'syncing' });
  const unflushed = await flusher.finish([...live]).finally(() => flusher.close());
  for (const [device, error] of unflushed) fail(device, mapWriteError(device, error));
  return { bytesWritten: result.bytesWritten, size };
}
