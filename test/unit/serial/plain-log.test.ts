// SPDX-License-Identifier: Apache-2.0
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logPath, logsFolder } from '../../../src/main/serial/log-file.js';
import { PlainText } from '../../../src/main/serial/plain-text.js';

const strip = (...chunks: string[]): string => {
  const plain = new PlainText();
  return chunks.map((c) => plain.strip(Buffer.from(c, 'latin1')).toString('latin1')).join('');
};

describe('a plain-text log', () => {
  it('leaves out colours, cursor moves and carriage returns', () => {
    expect(strip('\x1b[1;31mred\x1b[0m plain\r\n')).toBe('red plain\n');
    expect(strip('\x1b[?2004h$ ls\x1b[K\r\n')).toBe('$ ls\n');
  });

  it('leaves out a window title (OSC) ended by BEL or ST, and charset switches', () => {
    expect(strip('\x1b]0;user@board: ~\x07$ ')).toBe('$ ');
    expect(strip('\x1b]2;title\x1b\\ok')).toBe('ok');
    expect(strip('\x1b(Bok')).toBe('ok');
  });

  it('keeps a sequence split across chunks out, and tabs and UTF-8 in', () => {
    expect(strip('a\x1b', '[3', '2mb\x1b[0', 'm c')).toBe('ab c');
    const utf8 = Buffer.from('\tx86_64 ✓ Û\n', 'utf8');
    expect(new PlainText().strip(utf8).toString('utf8')).toBe('\tx86_64 ✓ Û\n');
  });
});

describe('where a log goes', () => {
  it('puts a bare name in the logs folder and keeps an absolute path', () => {
    expect(logPath('board.log')).toBe(join(logsFolder(), 'board.log'));
    expect(logPath('bench/a.log')).toBe(join(logsFolder(), 'bench', 'a.log'));
    expect(logPath('/var/tmp/x.log')).toBe('/var/tmp/x.log');
  });

  it('refuses a name that leads out of the logs folder', () => {
    expect(() => logPath('../secrets')).toThrow(/leads out of Benchtop's logs folder/);
    expect(() => logPath('a/../../b')).toThrow(/leads out/);
  });
});
