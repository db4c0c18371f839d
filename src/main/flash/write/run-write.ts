// SPDX-License-Identifier: Apache-2.0
// The privileged part of a flash: runs inside the writer process only. Order per card:
// write, verify the image's bytes, configure, read the config back.
import { execFile } from 'node:child_process';
import { rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type * as drivelist from 'drivelist';
import { multiWrite, sourceDestination } from '../etcher/index.js';
import { BenchtopError, toErrorInfo } from '../../../shared/errors.js';
import { isUrl } from '../image/is-url.js';
import { openImage, type OpenedImage } from '../image/open-image.js';
import type { WriterOutput, WriterRequest } from '../writer/protocol.js';
import { BmapSource, readBmap } from './bmap-source.js';
import { CardFlusher } from './card-flusher.js';
import { readBackBootFiles, writeBootFiles } from './configure-target.js';
import { busyMountError, mapWriteError } from './map-write-error.js';
import { TrimmedSource } from './trimmed-source.js';
import { verifyTargets, type ByteRange } from './verify-targets.js';

type Source = sourceDestination.SourceDestination;

const execFileAsync = promisify(execFile);

/** Unmounts the deepest mount points first; returns what went wrong, if anything. */
async function unmountAll(mountpoints: readonly string[]): Promise<string | undefined> {
  for (const mountpoint of [...mountpoints].sort((a, b) => b.length - a.length)) {
    const failed = await execFileAsync('umount', [mountpoint]).then(
      () => undefined,
      (error: Error & { stderr?: string }) => (error.stderr ?? error.message).trim(),
    );
    if (failed) return failed;
  }
  return undefined;
}
type Send = (message: WriterOutput) => void;

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
 * A compressed image is decompressed to a temporary file first when there is room: a damaged
 * archive is then found before any card is touched, and the raw copy can be trimmed.
 */
/**
 * A decompressor does not hear of its input failing: a download cut off mid-way would leave
 * it waiting for ever. The stream at the root (file or HTTP response) is watched instead.
 */
export function watchRoot(stream: NodeJS.ReadableStream, fail: (error: Error) => void): void {
  const root = sourceDestination.getRootStream(stream);
  let ended = false;
  root.on('end', () => (ended = true));
  root.on('error', fail);
  root.on('aborted', () => fail(new Error('the connection was closed early')));
  root.on('close', () => {
    if (!ended) fail(new Error('the source closed before its end'));
  });
}

/**
 * A source that failed part way: a download (which does not resume: start again; a cut
 * download looks like a truncated archive to the decompressor) or a damaged file.
 */
function sourceError(image: string, error: Error, after: string): BenchtopError {
  if (isUrl(image))
    return new BenchtopError(
      'UNREACHABLE',
      `The download of ${image} broke off or is damaged (${error.message}). ${after} Downloads do not resume: start the flash again.`,
    );
  return new BenchtopError('CORRUPT_SOURCE', `The image is damaged: ${error.message}. ${after}`);
}

async function decompressFirst(
  image: OpenedImage,
  url: string,
  send: Send,
): Promise<{ path: string; size: number } | undefined> {
  const free = await statfs(tmpdir()).then(
    (info) => info.bavail * info.bsize,
    () => 0,
  );
  const needed = image.size ?? (image.compressedSize ?? 0) * 10;
  if (needed * 1.1 + 256 * 1024 * 1024 > free) return undefined;
  const path = join(tmpdir(), `benchtop-decompressed-${process.pid}-${Date.now()}.img`);
  const out = new sourceDestination.File({ path, write: true });
  await out.open();
  const phase = image.format === 'raw' ? 'downloading' : 'decompressing';
  send({ type: 'phase', phase });
  try {
    const input = await image.inner.createReadStream();
    const output = await out.createWriteStream();
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      input.on('data', (chunk: Buffer) => {
        done += chunk.length;
        send({
          type: 'progress',
          phase,
          done,
          ...(image.size ? { total: image.size } : {}),
        });
      });
      output.on('done', resolve);
      output.on('finish', resolve);
      output.on('error', reject);
      input.on('error', reject);
      watchRoot(input, reject);
      input.pipe(output);
    });
    return { path, size: done };
  } catch (error) {
    await rm(path, { force: true });
    throw sourceError(url, error as Error, 'Nothing was written.');
  } finally {
    await out.close().catch(() => undefined);
  }
}

async function rangesOf(source: Source): Promise<ByteRange[] | undefined> {
  const metadata = await source.getMetadata();
  if (!metadata.blocks) return undefined;
  return metadata.blocks
    .flatMap((group) => group.blocks)
    .map((block) => ({ offset: block.offset, length: block.length }))
    .sort((a, b) => a.offset - b.offset);
}

export async function runWrite(request: WriterRequest, send: Send): Promise<void> {
  const image = await openImage(request.image);
  let tempFile: string | undefined;
  try {
    let plain: Source = image.inner;
    let reopen: () => Promise<NodeJS.ReadableStream> = () => image.inner.createReadStream();
    // Downloads land in a temporary file first too: a cut connection is then found before any
    // card is touched, and the copy can be trimmed and read again for verification.
    if (image.format !== 'raw' || isUrl(request.image)) {
      const decompressed = await decompressFirst(image, request.image, send);
      if (decompressed) {
        tempFile = decompressed.path;
        const file = new sourceDestination.File({ path: decompressed.path });
        await file.open();
        plain = file;
        reopen = () => file.createReadStream();
      }
    }

    let source: Source = plain;
    if (request.bmap) {
      source = new BmapSource(plain, await readBmap(request.bmap));
    } else if (request.trim && (await plain.canRead())) {
      // etcher-sdk's trim: free blocks of ext filesystems are not written (FAT has no trim).
      source = new TrimmedSource(plain);
    }
    await source.open();

    const live = new Set(request.targets.map((t) => t.device));
    const fail = (target: string, error: ReturnType<typeof toErrorInfo>): void => {
      if (!live.delete(target)) return;
      send({ type: 'target-failed', target, error });
    };
    for (const target of request.targets) {
      if (target.mountpoints.length === 0) continue;
      send({ type: 'phase', phase: 'unmounting', target: target.device });
      const error = await unmountAll(target.mountpoints);
      if (error)
        fail(target.device, await busyMountError(target.device, target.mountpoints, error));
    }
    // Nothing left to write (every target busy): etcher-sdk would call an empty list of
    // destinations a damaged image.
    if (live.size === 0) {
      await source.close().catch(() => undefined);
      return;
    }
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
    const metadata = await source.getMetadata();
    const result = await multiWrite
      .pipeSourceToDestinations({
        source,
        destinations,
        verify: false,
        numBuffers: 16,
        onFail: (destination, error) => {
          const device = (destination as sourceDestination.BlockDevice).device;
          fail(device, mapWriteError(device, error));
        },
        onProgress: (progress) => {
          const sparse = progress.sparse === true;
          flusher.progress(progress.bytes);
          const total = sparse ? progress.blockmappedSize : (progress.size ?? metadata.size);
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
    // Direct writes can still sit in the drive's (or a card reader's) cache: flush every card
    // before it is read back or called done, as dd's conv=fsync does.
    send({ type: 'phase', phase: 'syncing' });
    const unflushed = await flusher.finish([...live]).finally(() => flusher.close());
    for (const [device, error] of unflushed) fail(device, mapWriteError(device, error));
    const sparse =
      (await source.canCreateSparseReadStream()) && (await rangesOf(source)) !== undefined;
    const ranges = sparse ? await rangesOf(source) : undefined;

    // Without verify nothing is read back, and the image is not read a second time either
    // (the manifest then carries no checksum): --no-verify is for speed.
    if (request.verify) send({ type: 'phase', phase: 'verifying' });
    const skipped = { checksum: '', failures: new Map<string, ReturnType<typeof toErrorInfo>>() };
    const verification = !request.verify
      ? skipped
      : await verifyTargets({
          stream: await reopen(),
          ranges,
          targets: [...live],
          onProgress: (done) =>
            send({
              type: 'progress',
              phase: 'verifying',
              done,
              ...(metadata.size !== undefined ? { total: metadata.size } : {}),
            }),
        });
    for (const [target, error] of verification.failures) fail(target, error);

    for (const [index, target] of request.targets.entries()) {
      if (!live.has(target.device)) continue;
      const files = request.files[index];
      let configVerified = false;
      if (files && files.length > 0) {
        if (request.bootPartition === undefined) {
          fail(target.device, {
            code: 'NO_BOOT_PARTITION',
            message: 'The image has no boot partition to configure.',
          });
          continue;
        }
        try {
          send({ type: 'phase', phase: 'configuring', target: target.device });
          await writeBootFiles(target.device, target.size, request.bootPartition, files);
          send({ type: 'phase', phase: 'reading back', target: target.device });
          configVerified = await readBackBootFiles(
            target.device,
            target.size,
            request.bootPartition,
            files,
          );
        } catch (error) {
          fail(target.device, toErrorInfo(error));
          continue;
        }
        if (!configVerified) {
          fail(target.device, {
            code: 'VERIFY_FAILED',
            message: `The configuration read back from ${target.device} differs from what was written.`,
          });
          continue;
        }
      }
      send({
        type: 'target-done',
        target: target.device,
        verified: request.verify,
        configVerified,
      });
    }
    send({
      type: 'done',
      imageChecksum: verification.checksum,
      bytesWritten: result.bytesWritten,
      sparse,
    });
    await source.close().catch(() => undefined);
  } finally {
    await image.close();
    if (tempFile) await rm(tempFile, { force: true });
  }
}
