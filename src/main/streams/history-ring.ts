// SPDX-License-Identifier: Apache-2.0
// The last stretch of a console's or a shell's output, bounded in bytes: a board flooding its console must
// not grow main's memory, and a viewer joining late still gets the current screen.

export class HistoryRing {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    if (chunk.length >= this.maxBytes) {
      this.chunks = [Buffer.from(chunk.subarray(chunk.length - this.maxBytes))];
      this.size = this.maxBytes;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.maxBytes) {
      const first = this.chunks[0];
      if (!first) break;
      const excess = this.size - this.maxBytes;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
  }

  snapshot(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }

  get bytes(): number {
    return this.size;
  }
}
