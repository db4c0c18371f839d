// SPDX-License-Identifier: Apache-2.0
// A timestamp at the start of every line, across chunk boundaries: a line may arrive in pieces.
// One copy for the console log (engine), `benchtop console -t` (CLI) and the terminal view (UI);
// bytes, not text, so a board's binary garbage passes through untouched.

const LF = 0x0a;
const CR = 0x0d;
const ESC = 0x1b;

export type StampFormat = (now: Date) => string;

/** `2026-11-26T06:30:00.123Z `: sortable and unambiguous, for log files. */
export const isoStamp: StampFormat = (now) => `${now.toISOString()} `;

/** `[06:30:00.123] ` in local time, as tio shows it. */
export const clockStamp: StampFormat = (now) => {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `[${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}] `;
};

const encoder = new TextEncoder();

export class LineStamper {
  private atLineStart = true;
  private escape: 'none' | 'esc' | 'csi' = 'none';

  constructor(private readonly format: StampFormat) {}

  stamp(data: Uint8Array, now: Date = new Date()): Uint8Array {
    if (data.length === 0) return data;
    let prefix: Uint8Array | undefined;
    const parts: Uint8Array[] = [];
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      const byte = data[i] ?? 0;
      if (this.escape !== 'none') {
        // Skip terminal control sequences at a line's start (bash turns bracketed paste off
        // with ESC[?2004l then a CR): a stamp before them would be overwritten on screen.
        if (this.escape === 'esc') this.escape = byte === 0x5b ? 'csi' : 'none';
        else if (byte >= 0x40 && byte <= 0x7e) this.escape = 'none';
        continue;
      }
      if (byte === LF) {
        this.atLineStart = true;
      } else if (this.atLineStart && byte === ESC) {
        this.escape = 'esc';
      } else if (this.atLineStart && byte !== CR) {
        // As tio does, the stamp waits for the line's first real character.
        parts.push(data.subarray(start, i));
        prefix ??= encoder.encode(this.format(now));
        parts.push(prefix);
        start = i;
        this.atLineStart = false;
      }
    }
    if (parts.length === 0) return data;
    parts.push(data.subarray(start));
    return concat(parts);
  }

  get atStart(): boolean {
    return this.atLineStart;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
