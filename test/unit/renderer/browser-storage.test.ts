// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { storedRecord, storeJson } from '../../../src/renderer/stores/browser-storage.js';

describe('browser storage', () => {
  it('reads back only JSON objects; anything else is nothing stored', () => {
    expect(storedRecord(null)).toBeUndefined();
    expect(storedRecord('{not json')).toBeUndefined();
    expect(storedRecord('[1,2]')).toBeUndefined();
    expect(storedRecord('null')).toBeUndefined();
    expect(storedRecord('{"a":1}')).toEqual({ a: 1 });
  });

  it('a storage that refuses a write costs the memory, not the change', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => storeJson(full, 'k', { a: 1 })).not.toThrow();
    expect(() => storeJson(undefined, 'k', { a: 1 })).not.toThrow();
  });
});
