// SPDX-License-Identifier: Apache-2.0
import { loadConfigured } from '../etcher/configured.js';
import type { sourceDestination } from '../etcher/index.js';
import { sparseStream } from '../etcher/index.js';

/**
 * Bytes per read and per write to the cards. etcher-sdk streams 1 MiB at a time; with direct
 * I/O each write waits for the device, so fewer, larger writes go faster (dd's `bs=4M`).
 */
export const WRITE_CHUNK = 4 * 1024 * 1024;

/**
 * etcher-sdk's ConfiguredSource with partition trimming (free ext blocks are not written),
 * streaming the used ranges in WRITE_CHUNK pieces instead of its fixed 1 MiB. The ranges
 * themselves are the same: which bytes reach the card does not change. Loaded on first use
 * (see ../etcher/configured.ts): a flash with a bmap never pays for it.
 */
export async function trimmedSource(
  source: sourceDestination.SourceDestination,
): Promise<sourceDestination.SourceDestination> {
  const { ConfiguredSource } = await loadConfigured();
  class TrimmedSource extends ConfiguredSource {
    override async createSparseReadStream(
      options: sourceDestination.CreateSparseReadStreamOptions = {},
    ): Promise<sparseStream.SparseReadStream> {
      return new sparseStream.SparseReadStream({
        source: this,
        blocks: await this.getBlocks(),
        chunkSize: WRITE_CHUNK,
        verify: false,
        generateChecksums: false,
        alignment: options.alignment,
        numBuffers: options.numBuffers,
      });
    }
  }
  return new TrimmedSource({ source, shouldTrimPartitions: true, createStreamFromDisk: true });
}
