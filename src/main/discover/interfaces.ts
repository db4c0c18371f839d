// SPDX-License-Identifier: Apache-2.0
// Which host interfaces to browse on, and which of them a sender's address belongs to.
import { readFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';

export interface HostInterface {
  readonly name: string;
  readonly address: string;
  readonly netmask: string;
}

const IFF_MULTICAST = 0x1000;

/** Linux says whether a link can multicast; elsewhere we assume it can and let the send fail. */
export function canMulticast(name: string): boolean {
  try {
    return (
      (Number.parseInt(readFileSync(`/sys/class/net/${name}/flags`, 'utf8'), 16) &
        IFF_MULTICAST) !==
      0
    );
  } catch {
    return true;
  }
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** An empty allow-list allows every interface; otherwise names, with `*` matching anything. */
export function isAllowed(name: string, allow: readonly string[]): boolean {
  return allow.length === 0 || allow.some((pattern) => wildcard(pattern).test(name));
}

/**
 * The IPv4 interfaces to browse on: up (Node lists only those), not loopback, multicast-capable,
 * allowed. One address per interface: the first IPv4 one, as the socket joins per interface.
 */
export function selectInterfaces(
  nets: NodeJS.Dict<NetworkInterfaceInfo[]>,
  allow: readonly string[],
  multicast: (name: string) => boolean = canMulticast,
): HostInterface[] {
  const out: HostInterface[] = [];
  for (const [name, infos] of Object.entries(nets)) {
    if (!infos || !isAllowed(name, allow)) continue;
    const v4 = infos.find((info) => info.family === 'IPv4' && !info.internal);
    if (!v4 || !multicast(name)) continue;
    out.push({ name, address: v4.address, netmask: v4.netmask });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

function toInt(address: string): number {
  return address.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

export function inSubnet(
  address: string,
  iface: Pick<HostInterface, 'address' | 'netmask'>,
): boolean {
  const mask = toInt(iface.netmask);
  return (toInt(address) & mask) >>> 0 === (toInt(iface.address) & mask) >>> 0;
}

/**
 * Every socket bound to 0.0.0.0:5353 hears every interface's multicast, so the interface a
 * reply came in on is told by its sender's address; the narrowest matching subnet wins.
 */
export function interfaceFor(
  address: string,
  ifaces: readonly HostInterface[],
): HostInterface | undefined {
  let best: HostInterface | undefined;
  for (const iface of ifaces) {
    if (!inSubnet(address, iface)) continue;
    if (!best || toInt(iface.netmask) > toInt(best.netmask)) best = iface;
  }
  return best;
}
