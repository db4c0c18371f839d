// SPDX-License-Identifier: Apache-2.0
// Stopping a write that runs in the engine's own process (in-process-writer.ts). The writer
// process stops by exiting, which closes every drive; here the source's streams end early
// instead: what is in flight is written, etcher-sdk's pipe finishes and closes the cards as
// after any write, and runWrite stops at its next step (the cards are then incomplete).
// Destroying the stream instead would leave the cards open: etcher-sdk closes them only
// after a pipe that succeeded.
import type { Readable } from 'node:stream';
import { BenchtopError } from '../../../shared/error-core.js';
import type { sourceDestination } from '../etcher/index.js';

type Source = sourceDestination.SourceDestination;

const cancelled = (): BenchtopError =>
  new BenchtopError('CANCELLED', 'The flash was cancelled; the cards are incomplete.');

/** Throws once the run was cancelled: runWrite asks between its steps. */
export function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/** Each stream the source hands out from now on ends at its next read once the signal fires. */
export function abortStreams(source: Source, signal: AbortSignal | undefined): void {
  if (signal === undefined) return;
  const watch = <S extends NodeJS.ReadableStream>(stream: S): S => {
    const readable = stream as unknown as Readable;
    // Node does not call _read again while one is in flight: that one's data still goes out.
    const end = (): void => {
      readable._read = () => readable.push(null);
    };
    if (signal.aborted) end();
    else signal.addEventListener('abort', end, { once: true });
    return stream;
  };
  const plain = source.createReadStream.bind(source);
  const sparse = source.createSparseReadStream.bind(source);
  source.createReadStream = async (...args) => watch(await plain(...args));
  source.createSparseReadStream = async (...args) => watch(await sparse(...args));
}
