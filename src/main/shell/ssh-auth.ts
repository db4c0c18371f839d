// SPDX-License-Identifier: Apache-2.0
// How Benchtop logs in to a board's host OS, with no prompt: root, trying in turn "none" (a
// balenaOS development image lets root in with no password), a key named by BENCHTOP_SSH_KEY,
// Benchtop's own key, the user's ssh-agent, the user's unencrypted ~/.ssh keys, and last an
// empty password. An encrypted key is skipped: nobody is there to type its passphrase.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type AnyAuthMethod } from 'ssh2';
import { benchtopKey } from './ssh-files.js';

export const SSH_USER = 'root';
const USER_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** A key file that parses without a passphrase, or undefined. */
async function usableKey(path: string): Promise<string | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = ssh2.utils.parseKey(text);
  return parsed instanceof Error ? undefined : text;
}

export interface AuthChoice {
  readonly methods: AnyAuthMethod[];
  /** What was tried, in words, for an "auth refused" message. */
  readonly tried: string[];
}

export async function authMethods(env: NodeJS.ProcessEnv = process.env): Promise<AuthChoice> {
  const username = SSH_USER;
  const methods: AnyAuthMethod[] = [{ type: 'none', username }];
  const tried = ['no password'];
  const addKey = (key: string | undefined, label: string): void => {
    if (key === undefined) return;
    methods.push({ type: 'publickey', username, key });
    tried.push(label);
  };
  const named = env['BENCHTOP_SSH_KEY'];
  if (named) {
    const key = await usableKey(named);
    if (key === undefined) tried.push(`not ${named} (BENCHTOP_SSH_KEY: unreadable or encrypted)`);
    addKey(key, `the key ${named} (BENCHTOP_SSH_KEY)`);
  }
  addKey(await benchtopKey(), 'Benchtop’s own key');
  const agent = env['SSH_AUTH_SOCK'];
  if (agent) {
    methods.push({ type: 'agent', username, agent });
    tried.push('the ssh-agent');
  }
  for (const name of USER_KEYS) {
    const path = join(homedir(), '.ssh', name);
    addKey(await usableKey(path), path);
  }
  methods.push({ type: 'password', username, password: '' });
  tried.push('an empty password');
  return { methods, tried };
}
