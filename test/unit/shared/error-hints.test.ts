// SPDX-License-Identifier: Apache-2.0
// Every hint, on every face, in the words of that face: the window names its controls, the
// command line its flags; an error of one job never gets the advice meant for another.
import { describe, expect, it } from 'vitest';
import { hints } from '../../../src/shared/error-hints.js';
import {
  BenchtopError,
  describeError,
  errorHints,
  hintFor,
  toErrorInfo,
  ErrorInfo,
} from '../../../src/shared/errors.js';
import { ERROR_CODES } from '../../../src/shared/error-core.js';
import { FlashRequest } from '../../../src/shared/contract/index.js';
import { formatZodError } from '../../../src/shared/format-zod-error.js';

const FLAG = /(?<![\w-])--[a-z]/;
const allHints = [...Object.values(errorHints), ...Object.values(hints)];

describe('error hints per face', () => {
  it('has a hint for every code on both faces, each a sentence', () => {
    expect(Object.keys(errorHints).sort()).toEqual([...ERROR_CODES].sort());
    for (const hint of allHints)
      for (const text of [hint.cli, hint.ui]) expect(text).toMatch(/^[A-Z].{10,}[.)]$/);
  });

  it('tells the window’s user of no flag, no --help and no command but `benchtop serve`', () => {
    for (const hint of allHints) {
      expect(hint.ui).not.toMatch(FLAG);
      expect(hint.ui.replace(/`benchtop serve`/g, '')).not.toMatch(/`benchtop/);
    }
    expect(describeError(new BenchtopError('INVALID_INPUT', 'Bad.'), 'ui')).toBe(
      'Bad.\nCheck the values entered, then try again.',
    );
    expect(describeError(new BenchtopError('INVALID_INPUT', 'Bad.'), 'cli')).toBe(
      'Bad.\nCheck the values given; `benchtop <command> --help` lists what each takes.',
    );
  });

  it('names the control or the flag for a drive larger than 128 GB', () => {
    expect(hintFor({ code: 'UNSAFE_TARGET', message: 'x' }, 'cli')).toContain('`--yes`');
    expect(hintFor({ code: 'UNSAFE_TARGET', message: 'x' }, 'ui')).toContain(
      '“Yes, also write drives larger than 128 GB”',
    );
  });

  it('a console that went away is not a drive to re-insert, on either face', () => {
    const gone = BenchtopError.withHint(
      'TARGET_LOST',
      '/dev/ttyUSB0 is not connected right now.',
      hints.consoleGone,
    );
    for (const face of ['cli', 'ui'] as const) {
      expect(describeError(gone, face)).not.toMatch(/drive|flash/i);
      expect(describeError(gone, face)).toContain('serial cable');
    }
    expect(describeError({ code: 'TARGET_LOST', message: 'x' }, 'cli')).toContain('drive');
  });

  it('a refused login asks to check user and password, not for group or sudo access', () => {
    const refused = BenchtopError.withHint('PERMISSION_DENIED', 'Refused.', hints.loginRefused);
    expect(describeError(refused, 'cli')).toBe(
      'Refused.\nCheck the user (`--user`) and the password in the `--password-file`.',
    );
    expect(describeError(refused, 'ui')).not.toMatch(/sudo|group|--/);
  });

  it('keeps an error’s own hint across the wire (JSON and the schema)', () => {
    const sent = JSON.parse(
      JSON.stringify(toErrorInfo(BenchtopError.withHint('INVALID_INPUT', 'x', hints.noTarget))),
    ) as unknown;
    const info = ErrorInfo.parse(sent);
    expect(info.hint).toEqual(hints.noTarget);
    expect(BenchtopError.fromInfo(info).hint).toEqual(hints.noTarget);
    expect(hintFor(info, 'ui')).toBe('Tick at least one drive under “2. Targets”.');
  });

  it('says in words, not zod’s, that a flash needs a target', () => {
    const parsed = FlashRequest.safeParse({ image: 'a.img', targets: [] });
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(formatZodError(parsed.error)).toBe('targets: name at least one drive to write');
  });
});
