// SPDX-License-Identifier: Apache-2.0
import { sourceDestination } from '../etcher/index.js';
import { BenchtopError } from '../../../shared/error-core.js';
import { isUrl } from '../../../shared/is-url.js';

type Chunk = Buffer | { buffer: Buffer };

/**
 * Collects the first bytes of a stream, continuing where the last call stopped: compressed
 * images can only be read from the start, so the partition table and the boot partition are
 * taken from one pass. Events rather than async iteration, because some decompressors
 * (unbzip2-stream) are old-style streams.
 */
export class HeadReader {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private ended = false;
  private error: Error | undefined;
  private wake: () => void = () => undefined;
  private closing = false;

  constructor(
    private readonly stream: NodeJS.ReadableStream,
    private readonly name: string,
  ) {
    stream.on('data', (value: Chunk) => {
      const chunk = Buffer.isBuffer(value) ? value : value.buffer;
      this.chunks.push(Buffer.from(chunk));
      this.length += chunk.length;
      this.wake();
    });
    stream.on('end', () => {
      this.ended = true;
      this.wake();
    });
    const onError = (error: Error): void => {
      this.error ??= error;
      this.wake();
    };
    stream.on('error', onError);
    // A cut download ends the HTTP response early; the decompressor on top never hears of it.
    const root = sourceDestination.getRootStream(stream);
    if (root !== stream) {
      let rootEnded = false;
      root.on('end', () => (rootEnded = true));
      root.on('error', onError);
      root.on('close', () => {
        if (!rootEnded && !this.closing) onError(new Error('the source closed before its end'));
      });
    }
    stream.pause();
  }

  async read(upTo: number): Promise<Buffer> {
    while (!this.ended && !this.error && this.length < upTo) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.stream.resume();
      });
      this.stream.pause();
    }
    if (this.error && isUrl(this.name)) {
      throw new BenchtopError(
        'UNREACHABLE',
        `The download of ${this.name} broke off (${this.error.message}, after ${this.length} bytes). Nothing was written; start again.`,
      );
    }
    if (this.error) {
      throw new BenchtopError(
        'CORRUPT_SOURCE',
        `${this.name} is damaged: ${this.error.message} (after ${this.length} bytes).`,
      );
    }
    const all = Buffer.concat(this.chunks);
    this.chunks.splice(0, this.chunks.length, all);
    return all.subarray(0, Math.min(upTo, all.length));
  }

  /**
   * Stops reading; the file under a decompressor is stopped too, and a read already in flight
   * is let finish, before the caller closes the file handle under it.
   */
  async close(): Promise<void> {
    this.closing = true;
    type Destroyable = NodeJS.ReadableStream & { destroy?: () => void };
    const root = sourceDestination.getRootStream(this.stream) as Destroyable;
    const closed = new Promise((resolve) => {
      root.once('close', resolve);
      setTimeout(resolve, 300);
    });
    for (const stream of new Set<Destroyable>([this.stream, root])) {
      stream.on('error', () => undefined);
      stream.destroy?.();
    }
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
