// SPDX-License-Identifier: Apache-2.0
// What one board's advert is, once its mDNS records are merged, and how adverts change.
export const SERVICE = '_ssh._tcp.local';
/** balenaOS advertises its ssh with this subtype; plain ssh hosts on the LAN do not. */
export const RESIN_SUBTYPE = '_resin-device._sub._ssh._tcp.local';

export interface Advert {
  /** `<interface>|<instance fqdn>`: the same board on two interfaces is two adverts. */
  readonly key: string;
  readonly iface: string;
  readonly instance: string;
  /** The instance's own label, e.g. `abc1234`. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly address: string;
  readonly txt: Readonly<Record<string, string>>;
  /** Who sent the last record of it (the board, or a proxy speaking for it). */
  readonly source: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export type DisappearReason = 'goodbye' | 'expired' | 'silent' | 'interface-gone';

export type AdvertChange =
  | { kind: 'appeared' | 'updated'; advert: Advert }
  | { kind: 'disappeared'; advert: Advert; reason: DisappearReason };

export interface Question {
  name: string;
  type: 'PTR' | 'SRV' | 'TXT' | 'A';
}

export interface TableLimits {
  /** A sender may speak for this many instances; a flood of made-up boards stops there. */
  maxInstancesPerSource: number;
  maxInstances: number;
  /** Gone when nothing of it was heard for this long although we kept asking. */
  silentAfterMs: number;
}

export const defaultLimits: TableLimits = {
  maxInstancesPerSource: 64,
  maxInstances: 4096,
  silentAfterMs: 25_000,
};

export const instanceLabel = (instance: string): string => {
  const suffix = `.${SERVICE}`;
  const label = instance.endsWith(suffix) ? instance.slice(0, -suffix.length) : instance;
  // A DNS-SD instance label may hold escaped dots and spaces; show it as people typed it.
  return label.replace(/\\(\d{3})/g, (_, d: string) => String.fromCharCode(Number(d)));
};

const sameTxt = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

export function sameAdvert(a: Advert, b: Advert): boolean {
  return (
    a.host === b.host &&
    a.port === b.port &&
    a.address === b.address &&
    a.name === b.name &&
    sameTxt(a.txt, b.txt)
  );
}
