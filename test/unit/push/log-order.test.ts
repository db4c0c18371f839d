// SPDX-License-Identifier: Apache-2.0
// Timestamps, merging services in time order, and reading on after a reconnect without repeats.
import { describe, expect, it } from 'vitest';
import { LogCursor } from '../../../src/main/push/logs/log-cursor.js';
import { nowTimestamp } from '../../../src/main/push/logs/log-line.js';
import { sinceParameter, splitTimestamp } from '../../../src/main/push/logs/log-timestamp.js';
import { mergeByTime } from '../../../src/main/push/logs/merge-lines.js';

describe('log timestamps', () => {
  it('splits the engine prefix and keeps nanoseconds', () => {
    expect(splitTimestamp('2026-12-01T08:00:00.123456789Z hello world')).toEqual({
      timestamp: '2026-12-01T08:00:00.123456789Z',
      message: 'hello world',
    });
  });

  it('pads a short fraction and moves another zone to UTC, so timestamps order as strings', () => {
    expect(splitTimestamp('2026-12-01T09:00:00.5+01:00 x')?.timestamp).toBe(
      '2026-12-01T08:00:00.500000000Z',
    );
    expect(splitTimestamp('2026-12-01T08:00:01Z y')?.timestamp).toBe(
      '2026-12-01T08:00:01.000000000Z',
    );
  });

  it('refuses a line without a timestamp', () => {
    expect(splitTimestamp('no time here')).toBeNull();
  });

  it("gives the engine's since parameter as seconds.nanoseconds", () => {
    expect(sinceParameter('2026-12-01T08:00:00.000000042Z')).toBe(
      `${Date.UTC(2026, 11, 1, 8) / 1000}.000000042`,
    );
  });

  it('writes our own timestamps in the same fixed width', () => {
    expect(nowTimestamp(new Date('2026-12-01T08:00:00.250Z'))).toBe(
      '2026-12-01T08:00:00.250000000Z',
    );
  });
});

describe('merging services in time order', () => {
  const at = (service: string, nanos: number) => ({
    service,
    timestamp: `2026-12-01T08:00:00.${String(nanos).padStart(9, '0')}Z`,
  });

  it('interleaves each service list by time, oldest first', () => {
    const a = [at('a', 1), at('a', 5), at('a', 9)];
    const b = [at('b', 2), at('b', 3), at('b', 10)];
    const c = [at('c', 4)];
    expect(mergeByTime([a, b, c]).map((l) => `${l.service}${l.timestamp.slice(20, 29)}`)).toEqual([
      'a000000001',
      'b000000002',
      'b000000003',
      'c000000004',
      'a000000005',
      'a000000009',
      'b000000010',
    ]);
  });

  it('keeps the order of the lists for equal timestamps, and handles empty lists', () => {
    const merged = mergeByTime([[], [at('x', 7), at('x', 7)], [at('y', 7)], []]);
    expect(merged.map((l) => l.service)).toEqual(['x', 'x', 'y']);
  });
});

describe('LogCursor', () => {
  const line = (nanos: number, message: string) => ({
    timestamp: `2026-12-01T08:00:00.${String(nanos).padStart(9, '0')}Z`,
    message,
  });

  it('lets through new lines and refuses those already read when the engine repeats from since', () => {
    const cursor = new LogCursor();
    const first = [line(1, 'a'), line(2, 'b'), line(2, 'c')].filter((l) => cursor.accept(l));
    expect(first.map((l) => l.message)).toEqual(['a', 'b', 'c']);
    expect(cursor.timestamp).toBe(line(2, '').timestamp);
    // A reconnect asks for lines since the last timestamp: the engine includes that instant.
    const again = [line(2, 'b'), line(2, 'c'), line(2, 'd'), line(3, 'e')];
    expect(again.filter((l) => cursor.accept(l)).map((l) => l.message)).toEqual(['d', 'e']);
    expect(cursor.accept(line(1, 'a'))).toBe(false);
  });

  it('has no timestamp before its first line', () => {
    expect(new LogCursor().timestamp).toBeUndefined();
  });
});
