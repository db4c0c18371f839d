// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { CUT_MARKER, LineSplitter } from '../../../src/main/push/logs/line-splitter.js';

describe('LineSplitter', () => {
  it('joins a line that arrives in pieces', () => {
    const lines = new LineSplitter();
    expect(lines.push(Buffer.from('hel'))).toEqual([]);
    expect(lines.push(Buffer.from('lo\nwor'))).toEqual(['hello']);
    expect(lines.push(Buffer.from('ld\n\n'))).toEqual(['world', '']);
  });

  it('keeps a UTF-8 character split across chunks whole', () => {
    const bytes = Buffer.from('grüße\n');
    const lines = new LineSplitter();
    const out = [...lines.push(bytes.subarray(0, 3)), ...lines.push(bytes.subarray(3))];
    expect(out).toEqual(['grüße']);
  });

  it("drops a terminal's carriage return before the newline", () => {
    expect(new LineSplitter().push('tty line\r\n')).toEqual(['tty line']);
  });

  it('gives a last line without a newline when the stream ends', () => {
    const lines = new LineSplitter();
    expect(lines.push('no newline')).toEqual([]);
    expect(lines.end()).toEqual(['no newline']);
    expect(lines.end()).toEqual([]);
  });

  it('cuts a line longer than the limit with a marker and drops its rest, then goes on', () => {
    const lines = new LineSplitter(10);
    expect(lines.push('0123456789ABCDEF')).toEqual([`0123456789${CUT_MARKER}`]);
    expect(lines.push('more of the same long line')).toEqual([]);
    expect(lines.push(' end\nnext\n')).toEqual(['next']);
  });

  it('holds no more than the limit while a line never ends', () => {
    const lines = new LineSplitter(100);
    const cut: string[] = [];
    for (let i = 0; i < 1000; i += 1) cut.push(...lines.push('x'.repeat(1000)));
    expect(cut).toEqual([`${'x'.repeat(100)}${CUT_MARKER}`]);
    expect(lines.end()).toEqual([]);
  });
});
