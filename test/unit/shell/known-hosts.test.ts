// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  fingerprint,
  formatKnownHost,
  hostEntry,
  keyType,
  parseKnownHosts,
} from '../../../src/main/shell/known-hosts.js';

/** A key's wire form: a length-prefixed type name, then the key material. */
const blob = (type: string, body: string): Buffer => {
  const name = Buffer.from(type);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, Buffer.from(body)]);
};

describe('known hosts', () => {
  const host = hostEntry('10.0.0.5', 22222);
  const key = blob('ssh-ed25519', 'first').toString('base64');

  it('writes and reads OpenSSH lines, skipping comments and marked lines', () => {
    expect(host).toBe('[10.0.0.5]:22222');
    expect(hostEntry('10.0.0.5', 22)).toBe('10.0.0.5');
    const text = `# a comment\n@revoked * ssh-rsa AAAA\n${formatKnownHost({ host, type: 'ssh-ed25519', key })}a,b ssh-rsa BBBB\n`;
    expect(parseKnownHosts(text)).toEqual([
      { host, type: 'ssh-ed25519', key },
      { host: 'a', type: 'ssh-rsa', key: 'BBBB' },
      { host: 'b', type: 'ssh-rsa', key: 'BBBB' },
    ]);
  });

  it('reads the type from a key’s wire form', () => {
    expect(keyType(blob('ssh-ed25519', 'x'))).toBe('ssh-ed25519');
    expect(keyType(Buffer.alloc(2))).toBe('unknown');
  });

  it('knows a recorded key, trusts a new host, and refuses a changed key', () => {
    const known = [{ host, type: 'ssh-ed25519', key }];
    expect(checkHostKey(known, host, { type: 'ssh-ed25519', key })).toEqual({ verdict: 'known' });
    expect(checkHostKey(known, '[10.0.0.6]:22222', { type: 'ssh-ed25519', key })).toEqual({
      verdict: 'new',
    });
    const other = blob('ssh-ed25519', 'second').toString('base64');
    expect(checkHostKey(known, host, { type: 'ssh-ed25519', key: other })).toEqual({
      verdict: 'changed',
      recorded: known[0],
    });
  });

  it('shows a fingerprint as OpenSSH does', () => {
    // SHA-256 of the wire form (here the bytes "abc"), base64 without padding: ssh-keygen -l's form.
    expect(fingerprint(Buffer.from('abc').toString('base64'))).toBe(
      'SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0',
    );
  });
});
