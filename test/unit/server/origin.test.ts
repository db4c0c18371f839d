// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../../src/main/server/host-check.js';
import { isAllowedOrigin, originPolicy } from '../../../src/main/server/origin.js';

describe('origin policy', () => {
  const local = originPolicy('127.0.0.1', 7455, false);

  it('admits our own page and token-bearing scripts without an Origin', () => {
    expect(isAllowedOrigin('http://127.0.0.1:7455', '127.0.0.1:7455', local)).toBe(true);
    expect(isAllowedOrigin('http://localhost:7455', 'localhost:7455', local)).toBe(true);
    expect(isAllowedOrigin(undefined, '127.0.0.1:7455', local)).toBe(true);
  });

  it('refuses pages elsewhere, even when they point their Host at us', () => {
    expect(isAllowedOrigin('http://evil.example', '127.0.0.1:7455', local)).toBe(false);
    expect(isAllowedOrigin('http://evil.example:7455', 'evil.example:7455', local)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:9999', '127.0.0.1:7455', local)).toBe(false);
  });

  it('on a remote binding admits the host the user typed', () => {
    const remote = originPolicy('0.0.0.0', 7455, true);
    expect(isAllowedOrigin('http://bench-pc:7455', 'bench-pc:7455', remote)).toBe(true);
    expect(isAllowedOrigin('http://other:7455', 'bench-pc:7455', remote)).toBe(false);
  });

  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('10.231.0.1')).toBe(false);
  });
});
