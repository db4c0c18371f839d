// SPDX-License-Identifier: Apache-2.0
// Bytes of one stream in, whole lines out. A line may arrive in pieces (a chunk boundary, a
// demultiplexed frame) and is joined; a line longer than the limit is cut with a marker and the
// rest of it dropped, so a container that never writes a newline cannot grow our memory.
import { StringDecoder } from 'node:string_decoder';

/** Longer than any sane log line, and below the engine's 16 KiB split of long messages. */
export const MAX_LINE_CHARS = 8192;
export const CUT_MARKER = ' [… line cut]';

export class LineSplitter {
  // A decoder keeps a UTF-8 character split across chunks whole.
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  /** True after a cut, until the newline that ends the dropped rest. */
  private dropping = false;

  constructor(private readonly maxChars: number = MAX_LINE_CHARS) {}

  /** The lines this chunk completes, without their newline (or the pty's \r\n). */
  push(chunk: Buffer | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const piece = text.slice(start, newline === -1 ? undefined : newline);
      if (this.dropping) {
        if (newline !== -1) this.dropping = false;
      } else {
        this.pending += piece;
        if (this.pending.length > this.maxChars) {
          lines.push(this.pending.slice(0, this.maxChars) + CUT_MARKER);
          this.pending = '';
          this.dropping = newline === -1;
        } else if (newline !== -1) {
          lines.push(stripCarriageReturn(this.pending));
          this.pending = '';
        }
      }
      if (newline === -1) return lines;
      start = newline + 1;
    }
  }

  /** What is left when the stream ends: a last line with no newline. */
  end(): string[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (this.dropping || rest === '') return [];
    return this.push(rest + '\n');
  }
}

const stripCarriageReturn = (line: string): string =>
  line.endsWith('\r') ? line.slice(0, -1) : line;
