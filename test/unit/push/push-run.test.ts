// SPDX-License-Identifier: Apache-2.0
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isStale, STALE_AFTER_MS } from '../../../src/main/push/run/engine-lock.js';
import type { Composition } from '../../../src/main/push/composition.js';
import { valuesByService, withEnvironment } from '../../../src/main/push/run/service-values.js';

describe('--env and --build-arg values by service', () => {
  it('gives a value without a service to every service, a service’s own winning', () => {
    const values = valuesByService(
      ['DEBUG=1', 'proxy:DEBUG=0', 'proxy:PORT=80', 'URL=http://x/?a=b'],
      ['proxy', 'data'],
      '--env',
    );
    expect(values).toEqual({
      proxy: { DEBUG: '0', PORT: '80', URL: 'http://x/?a=b' },
      data: { DEBUG: '1', URL: 'http://x/?a=b' },
    });
  });

  it('refuses a service the project does not have, naming it and the option', () => {
    expect(() => valuesByService(['web:A=1'], ['proxy'], '--build-arg')).toThrow(
      /--build-arg web:A=1 names service "web", which the project does not have \(proxy\)/,
    );
  });

  it('refuses an entry without KEY=', () => {
    expect(() => valuesByService(['novalue'], ['proxy'], '--env')).toThrow(/\[service:\]KEY=VALUE/);
  });
});

describe('a push lock left on a board', () => {
  const lock = (labels: Record<string, string>) => ({
    'io.benchtop.push-lock.host': hostname(),
    'io.benchtop.push-lock.since': new Date().toISOString(),
    ...labels,
  });

  it('holds while the process that took it on this host lives', () => {
    expect(isStale(lock({ 'io.benchtop.push-lock.pid': String(process.pid) }))).toBe(false);
  });

  it('is stale when that process is gone', () => {
    // Above Linux's pid_max (4194304): no process has it.
    expect(isStale(lock({ 'io.benchtop.push-lock.pid': '99999999' }))).toBe(true);
  });

  it('from another host holds until it is older than any push, then is stale', () => {
    const since = Date.parse('2026-01-01T00:00:00Z');
    const other = lock({
      'io.benchtop.push-lock.host': 'another-bench',
      'io.benchtop.push-lock.pid': '1',
      'io.benchtop.push-lock.since': new Date(since).toISOString(),
    });
    expect(isStale(other, since + STALE_AFTER_MS - 1)).toBe(false);
    expect(isStale(other, since + STALE_AFTER_MS + 1)).toBe(true);
  });

  it('without a readable time is stale (not a lock Benchtop wrote)', () => {
    expect(isStale({})).toBe(true);
  });
});

describe('--env over a composition', () => {
  it('sets the values on the service and in what a supervisor is sent, leaving others as they were', () => {
    const base = {
      name: 'p',
      root: '/p',
      networks: {},
      volumes: {},
      services: [
        { name: 'a', environment: { X: '1' }, raw: { environment: ['X=1'] } },
        { name: 'b', environment: {}, raw: {} },
      ],
    } as unknown as Composition;
    const [a, b] = withEnvironment(base, { a: { Y: '2' }, b: {} }).services;
    expect(a?.environment).toEqual({ X: '1', Y: '2' });
    expect(a?.raw.environment).toEqual({ X: '1', Y: '2' });
    expect(b).toBe(base.services[1]);
  });
});
