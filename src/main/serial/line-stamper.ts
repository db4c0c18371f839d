// SPDX-License-Identifier: Apache-2.0
// A timestamp at the start of every line, across chunk boundaries: a line may arrive in pieces.

const LF = 0x0a;

export type StampFormat = (now: Date) => string;

/** `2026-11-26T06:30:00.123Z `: sortable and unambiguous, for log files. */
export const isoStamp: StampFormat = (now) => `${now.toISOString()} `;

/** `[06:30:00.123] ` in local time, as tio shows it. */
export const clockStamp: StampFormat = (now) => {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `[${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}] `;
};

export class LineStamper {
  private atLineStart = true;

  constructor(private readonly format: StampFormat) {}

  stamp(data: Buffer, now: Date = new Date()): Buffer {
    if (data.length === 0) return data;
    const prefix = Buffer.from(this.format(now));
    const parts: Buffer[] = [];
    let start = 0;
    while (start < data.length) {
      if (this.atLineStart) parts.push(prefix);
      const end = data.indexOf(LF, start);
      if (end === -1) {
        parts.push(data.subarray(start));
        this.atLineStart = false;
        break;
      }
      parts.push(data.subarray(start, end + 1));
      this.atLineStart = true;
      start = end + 1;
    }
    return Buffer.concat(parts);
  }

  get atStart(): boolean {
    return this.atLineStart;
  }
}
