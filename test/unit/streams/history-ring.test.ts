// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { HistoryRing } from '../../../src/main/streams/index.js';

describe('HistoryRing', () => {
  it('keeps only the newest bytes, however much arrives', () => {
    const ring = new HistoryRing(10);
    for (let i = 0; i < 1000; i++) ring.push(Buffer.from(`line${i}\n`));
    expect(ring.bytes).toBe(10);
    expect(ring.snapshot().toString()).toBe('98\nline999\n'.slice(-10));
  });

  it('takes the tail of one chunk larger than the whole ring', () => {
    const ring = new HistoryRing(4);
    ring.push(Buffer.from('abcdefgh'));
    expect(ring.snapshot().toString()).toBe('efgh');
  });
});
