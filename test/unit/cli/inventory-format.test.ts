// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { formatFor } from '../../../src/main/cli/commands/inventory.js';

describe('benchtop inventory export|import FILE: the format', () => {
  it('comes from --format, else from the file name, and is asked for otherwise', () => {
    expect(formatFor('bench.CSV', undefined)).toBe('csv');
    expect(formatFor('bench.json', undefined)).toBe('json');
    expect(formatFor('bench.txt', 'csv')).toBe('csv');
    expect(() => formatFor('bench.txt', undefined)).toThrow(
      'Cannot tell the format of bench.txt: name it .json or .csv, or pass --format json|csv.',
    );
    expect(() => formatFor('bench.csv', 'xml')).toThrow('--format must be json or csv, not "xml".');
  });
});
