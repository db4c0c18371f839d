// SPDX-License-Identifier: Apache-2.0
import { isIP } from 'node:net';

export interface OriginPolicy {
  /** Origins of pages we serve on loopback. */
  readonly loopbackOrigins: ReadonlySet<string>;
  /** Bound beyond loopback: the page's origin is whatever host the user typed. */
  readonly remote: boolean;
}

export function originPolicy(host: string, port: number, remote: boolean): OriginPolicy {
  const names = ['127.0.0.1', 'localhost', '::1'];
  if (isIP(host) !== 0 && host !== '0.0.0.0' && host !== '::') names.push(host);
  const origins = names.map((name) => `http://${isIP(name) === 6 ? `[${name}]` : name}:${port}`);
  return { loopbackOrigins: new Set(origins), remote };
}

/**
 * Browsers always send Origin on WebSocket upgrades; scripts (the CLI) send none and are
 * admitted by their token alone. A foreign Origin is a page elsewhere trying to reach us.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  hostHeader: string | undefined,
  policy: OriginPolicy,
): boolean {
  if (origin === undefined) return true;
  if (policy.loopbackOrigins.has(origin)) return true;
  return policy.remote && hostHeader !== undefined && origin === `http://${hostHeader}`;
}
