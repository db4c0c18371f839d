// SPDX-License-Identifier: Apache-2.0
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isAllowedHost, type HostPolicy } from '../../../src/main/server/host-check.js';

const loopback: HostPolicy = { listen: '127.0.0.1', port: 7455, hostNames: [] };

describe('Host header check (DNS rebinding)', () => {
  it('answers loopback names with the listening port only', () => {
    expect(isAllowedHost('127.0.0.1:7455', loopback)).toBe(true);
    expect(isAllowedHost('localhost:7455', loopback)).toBe(true);
    expect(isAllowedHost('LOCALHOST:7455', loopback)).toBe(true);
    expect(isAllowedHost('[::1]:7455', loopback)).toBe(true);
    expect(isAllowedHost('127.0.0.1:7456', loopback)).toBe(false);
    expect(isAllowedHost('127.0.0.1', loopback)).toBe(false);
    expect(isAllowedHost('evil.example:7455', loopback)).toBe(false);
    expect(isAllowedHost(undefined, loopback)).toBe(false);
  });

  it('takes a missing port as 80', () => {
    expect(isAllowedHost('localhost', { ...loopback, port: 80 })).toBe(true);
  });

  it('answers a specific remote address and the names given with --host-name', () => {
    const remote: HostPolicy = { listen: '10.231.0.1', port: 7455, hostNames: ['bench.lan'] };
    expect(isAllowedHost('10.231.0.1:7455', remote)).toBe(true);
    expect(isAllowedHost('bench.lan:7455', remote)).toBe(true);
    expect(isAllowedHost('localhost:7455', remote)).toBe(false);
    expect(isAllowedHost('evil.example:7455', remote)).toBe(false);
  });

  it('answers every address of this machine when bound to all of them', () => {
    const wildcard: HostPolicy = { listen: '0.0.0.0', port: 7455, hostNames: [] };
    const addresses = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .filter((entry) => entry.family === 'IPv4')
      .map((entry) => entry.address);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(isAllowedHost(`${address}:7455`, wildcard)).toBe(true);
    expect(isAllowedHost('localhost:7455', wildcard)).toBe(true);
    expect(isAllowedHost('evil.example:7455', wildcard)).toBe(false);
  });
});
