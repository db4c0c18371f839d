// SPDX-License-Identifier: Apache-2.0
// A plain-text log: the board's text without terminal control (colours, cursor moves, titles,
// carriage returns). Sequences can be split across chunks, so the stripper keeps its state.

type Mode = 'text' | 'escape' | 'csi' | 'string' | 'string-escape' | 'charset';

const ESC = 0x1b;
const BEL = 0x07;

export class PlainText {
  private mode: Mode = 'text';

  strip(chunk: Buffer): Buffer {
    const out: number[] = [];
    for (const byte of chunk) {
      switch (this.mode) {
        case 'text':
          // 8-bit C1 controls are not looked for: their bytes are UTF-8 continuation bytes too.
          if (byte === ESC) this.mode = 'escape';
          else if (byte === 0x0a || byte === 0x09 || byte >= 0x20) out.push(byte);
          // Other C0 controls (CR, BS, BEL, NUL …) move a cursor the log does not have.
          break;
        case 'escape':
          if (byte === 0x5b) this.mode = 'csi';
          else if (byte === 0x5d || byte === 0x50 || byte === 0x5f || byte === 0x5e)
            this.mode = 'string';
          else if (byte === 0x28 || byte === 0x29 || byte === 0x23) this.mode = 'charset';
          else this.mode = 'text';
          break;
        case 'csi':
          // Parameters and intermediates run 0x20-0x3f; a final byte 0x40-0x7e ends it.
          if (byte >= 0x40 && byte <= 0x7e) this.mode = 'text';
          else if (byte < 0x20 && byte !== ESC) this.mode = 'text';
          else if (byte === ESC) this.mode = 'escape';
          break;
        case 'string':
          if (byte === BEL) this.mode = 'text';
          else if (byte === ESC) this.mode = 'string-escape';
          break;
        case 'string-escape':
          this.mode = byte === 0x5c ? 'text' : 'string';
          break;
        case 'charset':
          this.mode = 'text';
          break;
      }
    }
    return Buffer.from(out);
  }
}
