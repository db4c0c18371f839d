// SPDX-License-Identifier: Apache-2.0
import { open, type FileHandle } from 'node:fs/promises';

/** While writing, each card is flushed again after this many more bytes. */
const FLUSH_EVERY = 64 * 1024 * 1024;

/**
 * Flushes the cards (fsync) while they are written, so that what a drive or card reader has
 * cached goes out alongside the writes rather than all at the end, and once more when the
 * write is over. Only the final flush decides: an earlier one that fails is not an answer.
 */
export class CardFlusher {
  private readonly handles = new Map<string, FileHandle>();
  private inFlight: Promise<unknown> | undefined;
  private next = FLUSH_EVERY;

  /** Opens each device for flushing (read-only, not exclusive: the writer's own open is). */
  static async open(devices: readonly string[]): Promise<CardFlusher> {
    const flusher = new CardFlusher();
    for (const device of devices) {
      const handle = await open(device, 'r').catch(() => undefined);
      if (handle) flusher.handles.set(device, handle);
    }
    return flusher;
  }

  /** Bytes written so far: starts a background flush when another FLUSH_EVERY is out. */
  progress(done: number): void {
    if (done < this.next || this.inFlight) return;
    this.next = done + FLUSH_EVERY;
    this.inFlight = Promise.allSettled([...this.handles.values()].map((h) => h.sync())).finally(
      () => (this.inFlight = undefined),
    );
  }

  /** The final flush of each device still wanted; resolves to the devices that failed. */
  async finish(devices: readonly string[]): Promise<Map<string, Error>> {
    await this.inFlight;
    const failed = new Map<string, Error>();
    await Promise.all(
      devices.map(async (device) => {
        try {
          const handle = this.handles.get(device) ?? (await open(device, 'r'));
          this.handles.set(device, handle);
          await handle.sync();
        } catch (error) {
          failed.set(device, error as Error);
        }
      }),
    );
    return failed;
  }

  async close(): Promise<void> {
    await this.inFlight;
    await Promise.all([...this.handles.values()].map((handle) => handle.close().catch(() => 0)));
    this.handles.clear();
  }
}
