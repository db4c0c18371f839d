// SPDX-License-Identifier: Apache-2.0
// DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 reaches us
// as same-origin, but its requests still say `Host: evil.example`. We answer only to the
// names we are actually reached by.
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface HostPolicy {
  /** The address we listen on, as given (`127.0.0.1`, `0.0.0.0`, `10.231.0.1`…). */
  readonly listen: string;
  readonly port: number;
  /** Extra names given with `--host-name` (e.g. the bench machine's DNS name). */
  readonly hostNames: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

function withPort(name: string, port: number): string {
  const bare = name.toLowerCase().replace(/^\[|\]$/g, '');
  return `${isIP(bare) === 6 ? `[${bare}]` : bare}:${port}`;
}

function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .map((entry) => entry.address);
}

/** Every `Host` header value (name:port) this server answers to right now. */
export function allowedHosts(policy: HostPolicy): Set<string> {
  const names = [...policy.hostNames];
  if (isWildcard(policy.listen)) names.push(...LOOPBACK_NAMES, ...machineAddresses());
  else names.push(policy.listen);
  if (isLoopback(policy.listen)) names.push(...LOOPBACK_NAMES);
  return new Set(names.map((name) => withPort(name, policy.port)));
}

export function isAllowedHost(hostHeader: string | undefined, policy: HostPolicy): boolean {
  if (hostHeader === undefined) return false;
  const given = hostHeader.toLowerCase();
  // A browser leaves the port out of Host only when it is the scheme's default.
  const withDefault = /:\d+$/.test(given) ? given : `${given}:80`;
  return allowedHosts(policy).has(withDefault);
}
