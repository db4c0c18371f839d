// SPDX-License-Identifier: Apache-2.0
// The host keys of boards Benchtop has logged in to, one line each in OpenSSH's known_hosts
// format (`[10.0.0.5]:22222 ssh-ed25519 AAAA…`), so `ssh-keygen -R` and a person can read it.
// A board is trusted on first use; a changed key is refused until its line is removed.
import { createHash } from 'node:crypto';

export interface KnownHost {
  /** `[address]:port`, as OpenSSH writes a host on another port than 22. */
  readonly host: string;
  readonly type: string;
  /** The key's wire form, base64. */
  readonly key: string;
}

export const hostEntry = (address: string, port: number): string =>
  port === 22 ? address : `[${address}]:${port}`;

/** Lines that are not a plain host entry (comments, hashed or marked ones) are kept, not read. */
export function parseKnownHosts(text: string): KnownHost[] {
  const hosts: KnownHost[] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    const [names, type, key] = words;
    if (!names || !type || !key || names.startsWith('#') || names.startsWith('@')) continue;
    for (const host of names.split(',')) hosts.push({ host, type, key });
  }
  return hosts;
}

export const formatKnownHost = (entry: KnownHost): string =>
  `${entry.host} ${entry.type} ${entry.key}\n`;

/** The type name at the start of a key's wire form (a length-prefixed string). */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

export type HostKeyCheck =
  | { readonly verdict: 'known' }
  | { readonly verdict: 'new' }
  | { readonly verdict: 'changed'; readonly recorded: KnownHost };

/** Whether `offered` is the key recorded for `host`: one of the same type must match. */
export function checkHostKey(
  known: readonly KnownHost[],
  host: string,
  offered: { type: string; key: string },
): HostKeyCheck {
  const mine = known.filter((entry) => entry.host === host);
  if (mine.some((entry) => entry.type === offered.type && entry.key === offered.key)) {
    return { verdict: 'known' };
  }
  const recorded = mine.find((entry) => entry.type === offered.type) ?? mine[0];
  return recorded ? { verdict: 'changed', recorded } : { verdict: 'new' };
}

/** A key as OpenSSH shows it: SHA256 of its wire form, base64 without padding. */
export const fingerprint = (key: string): string =>
  `SHA256:${createHash('sha256').update(Buffer.from(key, 'base64')).digest('base64').replace(/=+$/, '')}`;
