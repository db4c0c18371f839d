// SPDX-License-Identifier: Apache-2.0
// Where Benchtop keeps its ssh identity and the host keys it has seen, in its own home.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { benchtopHome } from '../settings/paths.js';
import { writePrivateFile } from '../settings/write-private-file.js';
import { formatKnownHost, parseKnownHosts, type KnownHost } from './known-hosts.js';

export const sshDir = (): string => join(benchtopHome(), 'ssh');
export const benchtopKeyPath = (): string => join(sshDir(), 'id_ed25519');
export const knownHostsPath = (): string => join(sshDir(), 'known_hosts');

const missing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * Benchtop's own key, made on first use (ed25519, no passphrase: nobody is there to type one).
 * Its public half sits beside it, to add to a board's authorized_keys (balenaOS: config.json's
 * os.sshKeys).
 */
export function benchtopKey(): Promise<string> {
  const path = benchtopKeyPath();
  // A group's first connections all ask at once: they share one key, the one kept on disk.
  let pending = keyReads.get(path);
  if (!pending) {
    pending = readOrMakeKey(path).finally(() => keyReads.delete(path));
    keyReads.set(path, pending);
  }
  return pending;
}

const keyReads = new Map<string, Promise<string>>();

async function readOrMakeKey(path: string): Promise<string> {
  const existing = await readFile(path, 'utf8').catch((error: unknown) => {
    if (missing(error)) return undefined;
    throw error;
  });
  if (existing !== undefined) return existing;
  await mkdir(sshDir(), { recursive: true, mode: 0o700 });
  const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'benchtop' });
  await writePrivateFile(path, pair.private);
  await writePrivateFile(`${path}.pub`, `${pair.public}\n`);
  return pair.private;
}

export async function readKnownHosts(): Promise<KnownHost[]> {
  const text = await readFile(knownHostsPath(), 'utf8').catch((error: unknown) => {
    if (missing(error)) return '';
    throw error;
  });
  return parseKnownHosts(text);
}

export async function recordKnownHost(entry: KnownHost): Promise<void> {
  await mkdir(sshDir(), { recursive: true, mode: 0o700 });
  await appendFile(knownHostsPath(), formatKnownHost(entry), { mode: 0o600 });
}
