// SPDX-License-Identifier: Apache-2.0
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authMethods } from '../../../src/main/shell/ssh-auth.js';

describe('how Benchtop logs in to a host OS', () => {
  const saved = { ...process.env };
  let home: string;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'benchtop-ssh-'));
    process.env['BENCHTOP_HOME'] = join(home, 'benchtop');
    process.env['HOME'] = home;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('tries no password, the named key, its own key, the agent, the user’s keys, then an empty password', async () => {
    const named = join(home, 'named');
    writeFileSync(named, ssh2.utils.generateKeyPairSync('ed25519').private);
    mkdirSync(join(home, '.ssh'));
    writeFileSync(
      join(home, '.ssh', 'id_ed25519'),
      ssh2.utils.generateKeyPairSync('ed25519').private,
    );
    // Encrypted: nobody is there to type its passphrase, so it is left out.
    writeFileSync(
      join(home, '.ssh', 'id_rsa'),
      ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256, passphrase: 'x', cipher: 'aes256-cbc' })
        .private,
    );
    const choice = await authMethods({ BENCHTOP_SSH_KEY: named, SSH_AUTH_SOCK: '/run/agent.sock' });
    expect(choice.methods.map((m) => m.type)).toEqual([
      'none',
      'publickey',
      'publickey',
      'agent',
      'publickey',
      'password',
    ]);
    expect(choice.methods.every((m) => m.username === 'root')).toBe(true);
    expect(choice.tried).toEqual([
      'no password',
      `the key ${named} (BENCHTOP_SSH_KEY)`,
      'Benchtop’s own key',
      'the ssh-agent',
      join(home, '.ssh', 'id_ed25519'),
      'an empty password',
    ]);
  });

  it('makes its own key once, readable by this user only, with the public half beside it', async () => {
    await authMethods({});
    const key = join(home, 'benchtop', 'ssh', 'id_ed25519');
    const first = readFileSync(key, 'utf8');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${key}.pub`, 'utf8')).toMatch(/^ssh-ed25519 \S+ benchtop\n$/);
    await authMethods({});
    expect(readFileSync(key, 'utf8')).toBe(first);
  });

  it('gives connections that ask at once for its first key the one key it keeps', async () => {
    const choices = await Promise.all(Array.from({ length: 20 }, () => authMethods({})));
    const kept = readFileSync(join(home, 'benchtop', 'ssh', 'id_ed25519'), 'utf8');
    for (const choice of choices) {
      const own = choice.methods.find((m) => m.type === 'publickey');
      expect(own && 'key' in own ? own.key : undefined).toBe(kept);
    }
  });

  it('says so when the named key cannot be used', async () => {
    const choice = await authMethods({ BENCHTOP_SSH_KEY: join(home, 'missing') });
    expect(choice.tried).toContain(
      `not ${join(home, 'missing')} (BENCHTOP_SSH_KEY: unreadable or encrypted)`,
    );
  });
});
