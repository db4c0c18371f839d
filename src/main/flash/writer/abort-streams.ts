// SPDX-License-Identifier: Apache-2.0
// Stopping a write that runs in the engine's own process (in-process-writer.ts). The writer
// process stops by exiting; here the source's streams are destroyed instead, which fails
// etcher-sdk's pipe at once and lets runWrite close the cards and remove its temp folder.
import { BenchtopError } from '../../../shared/error-core.js';
import type { sourceDestination } from '../etcher/index.js';

type Source = sourceDestination.SourceDestination;

const cancelled = (): BenchtopError =>
  new BenchtopError('CANCELLED', 'The flash was cancelled; the cards are incomplete.');

/** Throws once the run was cancelled: runWrite asks between its steps. */
export function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/** Each stream the source hands out from now on is destroyed when the signal fires. */
export function abortStreams(source: Source, signal: AbortSignal | undefined): void {
  if (signal === undefined) return;
  const watch = <S extends NodeJS.ReadableStream>(stream: S): S => {
    const destroy = (): void => {
      (stream as unknown as { destroy(error: Error): void }).destroy(cancelled());
    };
    if (signal.aborted) destroy();
    else signal.addEventListener('abort', destroy, { once: true });
    return stream;
  };
  const plain = source.createReadStream.bind(source);
  const sparse = source.createSparseReadStream.bind(source);
  source.createReadStream = async (...args) => watch(await plain(...args));
  source.createSparseReadStream = async (...args) => watch(await sparse(...args));
}
