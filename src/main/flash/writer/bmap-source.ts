// SPDX-License-Identifier: Apache-2.0
import { readFile } from 'node:fs/promises';
import { BlockMap } from 'blockmap';
import { sourceDestination, sparseStream } from '../etcher/index.js';
import { BenchtopError } from '../../../shared/error-core.js';
import { WRITE_CHUNK } from './trimmed-source.js';

type Source = sourceDestination.SourceDestination;
type Blocks = sparseStream.BlocksWithChecksum[];

export async function readBmap(path: string): Promise<Blocks> {
  const text = await readFile(path, 'utf8');
  let map: BlockMap;
  try {
    map = BlockMap.parse(text);
  } catch (error) {
    throw new BenchtopError(
      'CORRUPT_SOURCE',
      `${path} is not a valid bmap file: ${(error as Error).message}.`,
    );
  }
  return [
    {
      blocks: map.ranges.map((range) => ({
        offset: range.start * map.blockSize,
        length: (range.end - range.start + 1) * map.blockSize,
      })),
    },
  ];
}

/**
 * A raw image with a bmap beside it: etcher-sdk reads bmaps only inside its zip archives, so
 * this gives a plain file the same sparse read stream (only mapped blocks are read and written).
 */
export class BmapSource extends sourceDestination.SourceSource {
  constructor(
    source: Source,
    private readonly blocks: Blocks,
  ) {
    super(source);
  }

  override async canRead(): Promise<boolean> {
    return this.source.canRead();
  }

  override async read(buffer: Buffer, bufferOffset: number, length: number, sourceOffset: number) {
    return this.source.read(buffer, bufferOffset, length, sourceOffset);
  }

  override async canCreateReadStream(): Promise<boolean> {
    return true;
  }

  override async createReadStream(options?: sourceDestination.CreateReadStreamOptions) {
    return this.source.createReadStream(options);
  }

  override async canCreateSparseReadStream(): Promise<boolean> {
    return true;
  }

  override async createSparseReadStream(
    options: sourceDestination.CreateSparseReadStreamOptions = {},
  ): Promise<sparseStream.SparseReadStream> {
    return new sparseStream.SparseReadStream({
      source: this.source,
      blocks: this.blocks,
      chunkSize: WRITE_CHUNK,
      verify: false,
      generateChecksums: false,
      alignment: options.alignment,
      numBuffers: options.numBuffers,
    });
  }

  override async getBlocks(): Promise<Blocks> {
    return this.blocks;
  }

  protected override async _getMetadata(): Promise<sourceDestination.Metadata> {
    const metadata = await this.source.getMetadata();
    return {
      ...metadata,
      blocks: this.blocks,
      blockmappedSize: sparseStream.blocksLength(this.blocks),
    };
  }
}
