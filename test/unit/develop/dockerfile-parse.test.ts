// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/main/develop/rules/dockerfile-parse.js';
import {
  envPairs,
  splitWords,
  substitute,
} from '../../../src/main/develop/rules/dockerfile-words.js';

describe('reading a Dockerfile for live sync', () => {
  it('joins continuation lines, drops comments inside them, keeps line numbers', () => {
    const parsed = parseDockerfile(
      'FROM bench/busybox\n# a comment\nCOPY a \\\n# inside\n  b \\\n  /dst/\nrun echo hi\n',
    );
    expect(parsed.map((i) => [i.keyword, i.args, i.line])).toEqual([
      ['FROM', 'bench/busybox', 1],
      ['COPY', 'a b /dst/', 3],
      ['RUN', 'echo hi', 7],
    ]);
  });

  it('honours the escape parser directive', () => {
    const parsed = parseDockerfile('# escape=`\nFROM x\nCOPY a `\n  /dst\n');
    expect(parsed.map((i) => i.args)).toEqual(['x', 'a /dst']);
  });

  it('skips heredoc bodies', () => {
    const parsed = parseDockerfile(
      'FROM x\nRUN <<EOF\nCOPY not . /an/instruction\nEOF\nCOPY . /www\n',
    );
    expect(parsed.map((i) => [i.keyword, i.heredoc])).toEqual([
      ['FROM', false],
      ['RUN', true],
      ['COPY', false],
    ]);
  });

  it('reads livepush directives as livepush does, and no other comment', () => {
    const parsed = parseDockerfile(
      '#dev-cmd-live=npm run dev\n##  dev-run=echo x=1\n# dev-copy=a /b\n#dev-env=A=1\n# just=a comment\n',
    );
    expect(parsed.map((i) => [i.keyword, i.args])).toEqual([
      ['DEV-CMD-LIVE', 'npm run dev'],
      ['DEV-RUN', 'echo x=1'],
      ['DEV-COPY', 'a /b'],
      ['DEV-ENV', 'A=1'],
    ]);
  });

  it('splits flags and JSON arguments', () => {
    expect(splitWords('--from=build --chown=1:1 a b /dst')).toEqual({
      flags: { from: 'build', chown: '1:1' },
      words: ['a', 'b', '/dst'],
      json: false,
    });
    expect(splitWords('["my file", "/dst/"]')).toEqual({
      flags: {},
      words: ['my file', '/dst/'],
      json: true,
    });
  });

  it('substitutes variables, with defaults, and reports unknown ones', () => {
    const values = new Map([['APP', '/app']]);
    expect(substitute('${APP}/src $APP', values)).toBe('/app/src /app');
    expect(substitute('${MISSING:-/opt}', values)).toBe('/opt');
    expect(substitute('${APP:+set}', values)).toBe('set');
    expect(substitute('\\$APP', values)).toBe('$APP');
    expect(substitute('$HOME/x', values)).toBeUndefined();
  });

  it('reads both ENV forms', () => {
    expect(envPairs('PATH /usr/bin:/bin')).toEqual([['PATH', '/usr/bin:/bin']]);
    expect(envPairs('A=1 B="two words" C=\'x\'')).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'x'],
    ]);
  });
});
