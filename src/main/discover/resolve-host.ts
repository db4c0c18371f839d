// SPDX-License-Identifier: Apache-2.0
import { lookup } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';
import { BenchtopError } from '../../shared/errors.js';

const RESOLVE_TIMEOUT_MS = 3000;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A typed address or host name, checked before anything goes on the network. */
export function checkBoardAddress(input: string): string {
  const value = input.trim().replace(/\.$/, '');
  if (isIPv4(value) || isIPv6(value)) return value;
  if (value.length > 0 && value.length <= 253 && value.split('.').every((l) => LABEL.test(l))) {
    return value.toLowerCase();
  }
  throw new BenchtopError(
    'INVALID_INPUT',
    `"${input.slice(0, 80)}" is neither an IP address nor a host name (letters, digits, hyphens, dots).`,
  );
}

/**
 * The IPv4 address of a host name. `.local` names need mDNS in the system resolver, which many
 * machines lack: `known` answers from what browsing already heard.
 */
export async function resolveBoard(
  host: string,
  known: (hostname: string) => string | undefined = () => undefined,
): Promise<string> {
  if (isIPv4(host) || isIPv6(host)) return host;
  const heard = known(host) ?? known(`${host}.local`);
  if (heard !== undefined) return heard;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new BenchtopError(
            'TIMEOUT',
            `Looking up "${host}" took longer than ${RESOLVE_TIMEOUT_MS / 1000} s.`,
          ),
        ),
      RESOLVE_TIMEOUT_MS,
    );
  });
  try {
    const found = await Promise.race([lookup(host, { family: 4 }), timeout]);
    return found.address;
  } catch (error) {
    if (error instanceof BenchtopError) throw error;
    throw new BenchtopError(
      'NOT_FOUND',
      `"${host}" does not resolve to an address: check its spelling, or give the board's IP address.`,
      error instanceof Error ? error.message : undefined,
    );
  } finally {
    clearTimeout(timer);
  }
}
