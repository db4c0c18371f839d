// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { OpenCallers } from '../../../src/main/server/open-callers.js';
import type { Caller } from '../../../src/shared/roles.js';

const caller = (user: string, role: Caller['role'], owner = false): Caller => ({
  user,
  role,
  owner,
});

describe('open connections of named users', () => {
  it('closes those whose token no longer opens them as the same user and role', async () => {
    const open = new OpenCallers();
    const closed: string[] = [];
    const keys = { vera: {}, otto: {}, pia: {} };
    open.add(keys.vera, {
      caller: caller('vera', 'viewer'),
      token: 't-vera',
      close: () => closed.push('vera'),
    });
    open.add(keys.otto, {
      caller: caller('otto', 'operator'),
      token: 't-otto',
      close: () => closed.push('otto'),
    });
    open.add(keys.pia, {
      caller: caller('pia', 'admin'),
      token: 't-pia',
      close: () => closed.push('pia'),
    });
    // vera is revoked; otto is the same; pia's token now names someone with less.
    const now: Record<string, Caller> = {
      't-otto': caller('otto', 'operator'),
      't-pia': caller('pia', 'viewer'),
    };
    await open.recheck(async (token) => now[token]);
    expect(closed.sort()).toEqual(['pia', 'vera']);
    expect(open.has(keys.otto)).toBe(true);
    expect(open.has(keys.vera)).toBe(false);
  });

  it('never tracks the owner, so no change to the users closes the owner’s connections', async () => {
    const open = new OpenCallers();
    const key = {};
    open.add(key, {
      caller: caller('root', 'admin', true),
      token: 'serve',
      close: () => undefined,
    });
    expect(open.has(key)).toBe(false);
    await expect(open.recheck(async () => undefined)).resolves.toBeUndefined();
  });

  it('closes everything it tracks when the users file cannot be read (fails closed)', async () => {
    const open = new OpenCallers();
    let closed = 0;
    open.add({}, { caller: caller('vera', 'viewer'), token: 't', close: () => closed++ });
    await open.recheck(() => Promise.reject(new Error('damaged')));
    expect(closed).toBe(1);
  });
});
