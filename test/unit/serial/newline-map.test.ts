// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { mapReceive, mapSend } from '../../../src/main/serial/newline-map.js';

const text = (b: Buffer): string => b.toString('latin1');

describe('line-end mapping', () => {
  it('maps what is typed before it goes to the board', () => {
    expect(text(mapSend(Buffer.from('ls\r'), 'none'))).toBe('ls\r');
    expect(text(mapSend(Buffer.from('ls\r'), 'cr-to-lf'))).toBe('ls\n');
    expect(text(mapSend(Buffer.from('ls\r'), 'cr-to-crlf'))).toBe('ls\r\n');
    expect(text(mapSend(Buffer.from('ls\n'), 'lf-to-cr'))).toBe('ls\r');
  });

  it('maps what the board sends before viewers see it', () => {
    expect(text(mapReceive(Buffer.from('a\nb\r\n'), 'lf-to-crlf'))).toBe('a\r\nb\r\r\n');
    expect(text(mapReceive(Buffer.from('a\rb'), 'cr-to-lf'))).toBe('a\nb');
    expect(text(mapReceive(Buffer.from('a\r\nb\r'), 'ignore-cr'))).toBe('a\nb');
  });
});
