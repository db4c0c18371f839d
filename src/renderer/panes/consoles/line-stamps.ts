// SPDX-License-Identifier: Apache-2.0
// Timestamps at the start of each line in the terminal view, as `benchtop console -t` and tio
// show them: the stamp waits for the line's first real character (past CRs and escape codes).

const LF = 0x0a;
const CR = 0x0d;
const ESC = 0x1b;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function clockStamp(now: Date): string {
  return `\x1b[2m[${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}]\x1b[22m `;
}

export class ViewStamper {
  private atLineStart = true;
  private escape: 'none' | 'esc' | 'csi' = 'none';

  stamp(data: Uint8Array, now: Date = new Date()): Uint8Array {
    const out: number[] = [];
    let prefix: number[] | undefined;
    for (const byte of data) {
      if (this.escape !== 'none') {
        if (this.escape === 'esc') this.escape = byte === 0x5b ? 'csi' : 'none';
        else if (byte >= 0x40 && byte <= 0x7e) this.escape = 'none';
      } else if (byte === LF) {
        this.atLineStart = true;
      } else if (this.atLineStart && byte === ESC) {
        this.escape = 'esc';
      } else if (this.atLineStart && byte !== CR) {
        prefix ??= [...new TextEncoder().encode(clockStamp(now))];
        out.push(...prefix);
        this.atLineStart = false;
      }
      out.push(byte);
    }
    return Uint8Array.from(out);
  }
}

export function fromBase64(data: string): Uint8Array {
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
