// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../../src/main/push/project/dotenv.js';
import { interpolate } from '../../../src/main/push/project/interpolate.js';

const env: Record<string, string> = { TAG: 'v2', EMPTY: '', PORT: '8080' };
const lookup = (name: string) => env[name];

describe('compose interpolation', () => {
  it('substitutes ${VAR} and $VAR and turns $$ into $', () => {
    expect(interpolate('img:${TAG}-$TAG', lookup)).toBe('img:v2-v2');
    expect(interpolate('echo $$HOME costs $$5', lookup)).toBe('echo $HOME costs $5');
  });

  it('uses :- defaults for unset or empty, - defaults for unset only', () => {
    expect(interpolate('${NOPE:-d}|${EMPTY:-d}|${TAG:-d}', lookup)).toBe('d|d|v2');
    expect(interpolate('${NOPE-d}|${EMPTY-d}|${TAG-d}', lookup)).toBe('d||v2');
  });

  it('uses :+ and + alternatives when set', () => {
    expect(interpolate('${TAG:+on}|${EMPTY:+on}|${EMPTY+on}|${NOPE+on}', lookup)).toBe('on||on|');
  });

  it('nests expressions inside defaults', () => {
    expect(interpolate('${NOPE:-${MISSING:-$PORT}}', lookup)).toBe('8080');
  });

  it('fails with the message of :? and ? for a required variable', () => {
    expect(() => interpolate('${NOPE:?set NOPE to the board name}', lookup)).toThrow(
      'NOPE: set NOPE to the board name',
    );
    expect(() => interpolate('${EMPTY:?}', lookup)).toThrow('required variable EMPTY is not set');
    expect(interpolate('${EMPTY?}', lookup)).toBe('');
  });

  it('does not evaluate a default that is not used', () => {
    expect(interpolate('${TAG:-${NOPE:?never asked}}', lookup)).toBe('v2');
  });

  it('reports each unset variable and substitutes an empty string', () => {
    const unset: string[] = [];
    expect(interpolate('a${NOPE}b$ALSO_NOPE', lookup, (name) => unset.push(name))).toBe('ab');
    expect(unset).toEqual(['NOPE', 'ALSO_NOPE']);
  });

  it('rejects malformed expressions', () => {
    expect(() => interpolate('${TAG', lookup)).toThrow(/missing "}"/);
    expect(() => interpolate('${1X}', lookup)).toThrow(/expected a variable name/);
    expect(() => interpolate('${TAG%%x}', lookup)).toThrow(/unknown operator/);
    expect(() => interpolate('cost: $5', lookup)).toThrow(/write "\$\$"/);
  });
});

describe('.env files', () => {
  it('reads KEY=VALUE lines with comments, export, quotes and escapes', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value # trailing comment',
      'export EXPORTED=yes',
      "SINGLE='kept $TAG \\n'",
      'DOUBLE="line\\nnext $TAG"',
      'EMPTY=',
      'REFERS=${PLAIN}-${TAG}',
    ].join('\n');
    expect(parseDotenv(text, '.env', lookup)).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SINGLE: 'kept $TAG \\n',
      DOUBLE: 'line\nnext v2',
      EMPTY: '',
      REFERS: 'value-v2',
    });
  });

  it('names the file and line of a line it cannot read', () => {
    expect(() => parseDotenv('A=1\nthis is not an assignment', '.env', lookup)).toThrow(
      /\.env:2: expected KEY=VALUE/,
    );
    expect(() => parseDotenv('A="open', '.env', lookup)).toThrow(
      /\.env:1: missing closing double quote/,
    );
  });
});
