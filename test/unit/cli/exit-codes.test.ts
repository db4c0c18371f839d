// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeFor } from '../../../src/main/cli/exit-codes.js';
import { errorHints } from '../../../src/shared/errors.js';

describe('a refusal by role on the command line', () => {
  it('exits as refused (4), like a permission denied', () => {
    expect(exitCodeFor('FORBIDDEN')).toBe(ExitCode.refused);
    expect(exitCodeFor('FORBIDDEN')).toBe(exitCodeFor('PERMISSION_DENIED'));
  });
  it('tells the person how to get the role', () => {
    expect(errorHints.FORBIDDEN.cli).toContain('benchtop users add');
  });
});
