// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUsersStore, hashToken } from '../../../src/main/users/index.js';

const freshStore = () => {
  const path = join(mkdtempSync(join(tmpdir(), 'bt-users-')), 'home', 'users.json');
  return { path, store: createUsersStore(path) };
};

describe('the users store', () => {
  it('returns a token once and keeps only its hash, in a file only its owner reads', async () => {
    const { path, store } = freshStore();
    const added = await store.add('alice', 'operator', new Date('2026-12-02T10:00:00Z'));
    expect(added).toMatchObject({
      name: 'alice',
      role: 'operator',
      createdAt: '2026-12-02T10:00:00.000Z',
    });
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(added.token);
    expect(text).toContain(hashToken(added.token));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await expect(store.list()).resolves.toEqual([
      { name: 'alice', role: 'operator', createdAt: '2026-12-02T10:00:00.000Z' },
    ]);
  });

  it('knows a user by their token, and nobody by another', async () => {
    const { store } = freshStore();
    const alice = await store.add('alice', 'viewer');
    const bob = await store.add('bob', 'admin');
    await expect(store.callerOf(alice.token)).resolves.toEqual({
      user: 'alice',
      role: 'viewer',
      owner: false,
    });
    await expect(store.callerOf(bob.token)).resolves.toMatchObject({ user: 'bob', role: 'admin' });
    await expect(store.callerOf(`${alice.token}x`)).resolves.toBeUndefined();
    expect(alice.token).not.toBe(bob.token);
  });

  it('refuses a second user of the same name, in any case', async () => {
    const { store } = freshStore();
    await store.add('alice', 'viewer');
    await expect(store.add('Alice', 'admin')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('forgets a revoked user’s token at once', async () => {
    const { store } = freshStore();
    const alice = await store.add('alice', 'operator');
    await expect(store.revoke('alice')).resolves.toMatchObject({ name: 'alice' });
    await expect(store.callerOf(alice.token)).resolves.toBeUndefined();
    await expect(store.list()).resolves.toEqual([]);
    await expect(store.revoke('alice')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps every one of several users added at the same time', async () => {
    const { store } = freshStore();
    await Promise.all(['a1', 'a2', 'a3', 'a4'].map((name) => store.add(name, 'viewer')));
    expect((await store.list()).map((u) => u.name).sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('sees a revoke made by another store on the same file (another process)', async () => {
    const { path, store } = freshStore();
    const alice = await store.add('alice', 'viewer');
    await createUsersStore(path).revoke('alice');
    await expect(store.callerOf(alice.token)).resolves.toBeUndefined();
  });
});
