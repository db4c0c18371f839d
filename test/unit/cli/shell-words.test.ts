// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { exitStatusOf, shellWords } from '../../../src/main/cli/shell/shell-words.js';

const raw = (...words: string[]) => ['node', 'benchtop', 'shell', ...words];

describe('benchtop shell words', () => {
  it('takes the command from after --, wherever commander put it', () => {
    expect(
      shellWords(['b0', 'cat', '/etc/hostname'], raw('b0', '--', 'cat', '/etc/hostname')),
    ).toEqual({
      board: 'b0',
      service: undefined,
      command: ['cat', '/etc/hostname'],
    });
    expect(shellWords(['b0', 'web', 'exit', '3'], raw('b0', 'web', '--', 'exit', '3'))).toEqual({
      board: 'b0',
      service: 'web',
      command: ['exit', '3'],
    });
    expect(shellWords(['b0', 'web'], raw('b0', 'web'))).toEqual({
      board: 'b0',
      service: 'web',
      command: [],
    });
  });

  it('refuses a command without --', () => {
    expect(() => shellWords(['b0', 'web', 'ls'], raw('b0', 'web', 'ls'))).toThrow(
      'Put the command after --: benchtop shell b0 web -- ls',
    );
  });

  it('passes an exit status on, and 255 (as ssh) when there is none', () => {
    expect(exitStatusOf({ status: 3 })).toBe(3);
    expect(exitStatusOf({ status: 0 })).toBe(0);
    expect(exitStatusOf({ status: null })).toBe(255);
  });
});
