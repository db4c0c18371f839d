// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { KeyCommands } from '../../../src/main/cli/console/key-commands.js';

const sent = (steps: ReturnType<KeyCommands['feed']>): string =>
  steps.map((s) => ('send' in s ? s.send.toString('latin1') : `<${s.action}>`)).join('');

describe('KeyCommands (tio-like Ctrl-T prefix)', () => {
  it('passes typing through and turns Ctrl-T + letter into actions', () => {
    const keys = new KeyCommands();
    expect(sent(keys.feed(Buffer.from('ls\r\x14b\x14t\x14q')))).toBe(
      'ls\r<break><timestamps><quit>',
    );
  });

  it('keeps the prefix across reads, sends Ctrl-T itself on Ctrl-T Ctrl-T, drops unknown letters', () => {
    const keys = new KeyCommands();
    expect(sent(keys.feed(Buffer.from('a\x14')))).toBe('a');
    expect(sent(keys.feed(Buffer.from('?')))).toBe('<help>');
    expect(sent(keys.feed(Buffer.from('\x14\x14z\x14Zy')))).toBe('\x14zy');
  });
});
