// SPDX-License-Identifier: Apache-2.0
// Static addresses for a batch of cards: the address given is the first card's, and each next
// card takes the next one, so no two boards of a batch (or of one manifest) share an address.
// Shared by the engine (which refuses) and the UI (which shows each card's address first).
import { addressProblem } from './network-config-rules.js';

const toNumber = (ip: string): number =>
  ip.split('.').reduce((value, part) => value * 256 + Number(part), 0);
const toText = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

/** The address part of a CIDR, e.g. "192.168.1.50" of "192.168.1.50/24". */
export const hostOf = (cidr: string): string => cidr.split('/')[0] ?? cidr;

/**
 * One CIDR per card, counting up from `start`; or why that cannot be: the count runs past the
 * last host of the subnet, or a card would get the gateway's address. `start` must already
 * pass `addressProblem`.
 */
export function cardAddresses(
  start: string,
  count: number,
  gateway?: string,
): { addresses: string[] } | { problem: string } {
  if (addressProblem(start) !== undefined) return { problem: `${start} is not an address` };
  const [ip = '', prefixText = '32'] = start.split('/');
  const prefix = Number(prefixText);
  const first = toNumber(ip);
  const size = 2 ** (32 - prefix);
  const network = first - (first % size);
  // /31 and /32 have no network or broadcast address to keep clear of.
  const lastHost = prefix >= 31 ? network + size - 1 : network + size - 2;
  if (prefix < 31 && first === network)
    return { problem: `${start} is the network's own address; start at ${toText(first + 1)}` };
  const last = first + count - 1;
  if (last > lastHost) {
    const room = Math.max(0, lastHost - first + 1);
    return {
      problem: `${count} cards from ${ip} run past the last address of the /${prefix} network (${toText(lastHost)}): there is room for ${room}`,
    };
  }
  const addresses = Array.from({ length: count }, (_, i) => `${toText(first + i)}/${prefix}`);
  if (gateway !== undefined) {
    const taken = addresses.find((address) => hostOf(address) === gateway);
    if (taken) return { problem: `a card would get the gateway's address ${gateway}` };
  }
  return { addresses };
}

/** The first address of `wanted` already held by an earlier card, with that card's name. */
export function addressTaken(
  wanted: string[],
  earlier: { address?: string | undefined; hostname: string }[],
): { address: string; hostname: string } | undefined {
  const held = new Map<string, string>();
  for (const card of earlier) if (card.address) held.set(hostOf(card.address), card.hostname);
  for (const address of wanted) {
    const hostname = held.get(hostOf(address));
    if (hostname !== undefined) return { address: hostOf(address), hostname };
  }
  return undefined;
}

/** The address after the highest one already given out, for "start at …" advice. */
export function nextFreeAddress(earlier: { address?: string | undefined }[]): string | undefined {
  const numbers = earlier.flatMap((card) => (card.address ? [toNumber(hostOf(card.address))] : []));
  return numbers.length > 0 ? toText(Math.max(...numbers) + 1) : undefined;
}
