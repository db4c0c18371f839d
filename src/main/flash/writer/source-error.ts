// SPDX-License-Identifier: Apache-2.0
import { BenchtopError } from '../../../shared/error-core.js';
import { sourceDestination } from '../etcher/index.js';
import { isUrl } from '../../../shared/is-url.js';

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
export function sourceError(image: string, error: Error, after: string): BenchtopError {
  if (isUrl(image))
    return new BenchtopError(
      'UNREACHABLE',
      `The download of ${image} broke off or is damaged (${error.message}). ${after} Downloads do not resume: start the flash again.`,
    );
  return new BenchtopError('CORRUPT_SOURCE', `The image is damaged: ${error.message}. ${after}`);
}
