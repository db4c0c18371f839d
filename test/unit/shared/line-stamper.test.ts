// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { isoStamp, LineStamper } from '../../../src/shared/line-stamper.js';

describe('LineStamper', () => {
  const at = new Date('2026-11-26T06:30:00.123Z');

  it('stamps every line once, even when a line arrives in pieces', () => {
    const stamper = new LineStamper(isoStamp);
    const out = [
      stamper.stamp(Buffer.from('boot'), at),
      stamper.stamp(Buffer.from('ing\nkernel: ok\r\n'), at),
      stamper.stamp(Buffer.from('login: '), at),
    ]
      .map((b) => Buffer.from(b).toString())
      .join('');
    const stamp = '2026-11-26T06:30:00.123Z ';
    expect(out).toBe(`${stamp}booting\n${stamp}kernel: ok\r\n${stamp}login: `);
  });

  it('keeps binary bytes as they are', () => {
    const stamper = new LineStamper(() => '> ');
    const bytes = Buffer.from([0x00, 0xff, 0x0a, 0x80]);
    expect([...stamper.stamp(bytes, at)]).toEqual([0x3e, 0x20, 0x00, 0xff, 0x0a, 0x3e, 0x20, 0x80]);
  });
});

describe('LineStamper at control sequences', () => {
  it('puts the stamp after a CR or an escape sequence that starts a line', () => {
    const stamper = new LineStamper(() => '[t] ');
    const out = stamper.stamp(Buffer.from('echo x\r\n\x1b[?2004l\rx\r\n'));
    expect(Buffer.from(out).toString()).toBe('[t] echo x\r\n\x1b[?2004l\r[t] x\r\n');
  });
});
