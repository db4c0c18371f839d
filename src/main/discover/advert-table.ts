// SPDX-License-Identifier: Apache-2.0
// The mDNS records heard on one bench, merged into one advert per board and interface.
// Pure: time comes in as an argument, so TTL expiry and silence are tested without waiting.
import {
  RESIN_SUBTYPE,
  SERVICE,
  defaultLimits,
  instanceLabel,
  sameAdvert,
  type Advert,
  type AdvertChange,
  type DisappearReason,
  type Question,
  type TableLimits,
} from './advert.js';
import type { MdnsRecord } from './mdns-records.js';

interface Timed<T> {
  value: T;
  expiresAt: number;
}

interface Instance {
  iface: string;
  instance: string;
  source: string;
  resin: boolean;
  ptr: number; // expiresAt of the PTR pointing at it
  srv: Timed<{ host: string; port: number }> | undefined;
  txt: Timed<Record<string, string>> | undefined;
  firstSeen: number;
  lastSeen: number;
}

const ttlMs = (ttl: number): number => ttl * 1000;

export class AdvertTable {
  private readonly instances = new Map<string, Instance>();
  /** Per interface: host name -> its IPv4 address records. */
  private readonly hosts = new Map<string, Timed<string>>();
  private readonly listed = new Map<string, Advert>();
  private readonly perSource = new Map<string, number>();
  /** `<interface>|<host>` -> the adverts whose SRV points at that host. */
  private readonly hostUsers = new Map<string, Set<string>>();

  constructor(private readonly limits: TableLimits = defaultLimits) {}

  /** Adverts complete enough to list (an address to probe), in no particular order. */
  list(): Advert[] {
    return [...this.listed.values()];
  }

  get size(): number {
    return this.instances.size;
  }

  /**
   * Merges the records of one response heard on `iface` from `source`. Goodbyes (TTL 0) take
   * their record away at once: a board shutting down says so, and should vanish at once.
   */
  ingest(
    records: readonly MdnsRecord[],
    iface: string,
    source: string,
    now: number,
  ): AdvertChange[] {
    const touched = new Set<string>();
    for (const r of records) {
      if (r.type !== 'PTR') continue;
      if (r.name !== SERVICE && r.name !== RESIN_SUBTYPE) continue;
      if (!r.target.endsWith(`.${SERVICE}`)) continue;
      const key = `${iface}|${r.target}`;
      let inst = this.instances.get(key);
      if (r.ttl === 0) {
        if (inst) {
          inst.ptr = 0;
          touched.add(key);
        }
        continue;
      }
      inst ??= this.create(iface, r.target, source, now);
      if (!inst) continue;
      if (r.name === RESIN_SUBTYPE) inst.resin = true;
      inst.ptr = now + ttlMs(r.ttl);
      inst.lastSeen = now;
      inst.source = source;
      touched.add(key);
    }
    for (const r of records) {
      if (r.type !== 'SRV' && r.type !== 'TXT') continue;
      const key = `${iface}|${r.name}`;
      const inst = this.instances.get(key);
      // Records of instances no PTR announced are ignored: a PTR always comes first or with them.
      if (!inst) continue;
      inst.lastSeen = now;
      touched.add(key);
      if (r.type === 'SRV') {
        this.setSrv(
          key,
          inst,
          r.ttl === 0
            ? undefined
            : { value: { host: r.host, port: r.port }, expiresAt: now + ttlMs(r.ttl) },
        );
      } else if (r.ttl !== 0) {
        inst.txt = { value: r.txt, expiresAt: now + ttlMs(r.ttl) };
      }
    }
    // Only addresses of hosts an advert points at are kept, so a flood of A records costs nothing.
    for (const r of records) {
      if (r.type !== 'A') continue;
      const hostKey = `${iface}|${r.name}`;
      const users = this.hostUsers.get(hostKey);
      if (!users) continue;
      if (r.ttl === 0) {
        if (this.hosts.get(hostKey)?.value === r.address) this.hosts.delete(hostKey);
      } else {
        this.hosts.set(hostKey, { value: r.address, expiresAt: now + ttlMs(r.ttl) });
      }
      for (const key of users) {
        const inst = this.instances.get(key);
        if (inst) inst.lastSeen = now;
        touched.add(key);
      }
    }
    return this.settle(touched, now, 'goodbye');
  }

  /** Drops records whose TTL ran out and boards that stopped answering our queries. */
  expire(now: number): AdvertChange[] {
    for (const [key, host] of this.hosts) if (host.expiresAt <= now) this.hosts.delete(key);
    const touched = new Set<string>();
    const silent = new Set<string>();
    for (const [key, inst] of this.instances) {
      if (inst.srv && inst.srv.expiresAt <= now) this.setSrv(key, inst, undefined);
      if (inst.txt && inst.txt.expiresAt <= now) inst.txt = undefined;
      if (inst.ptr <= now) inst.ptr = 0;
      if (now - inst.lastSeen > this.limits.silentAfterMs) {
        inst.ptr = 0;
        silent.add(key);
      }
      touched.add(key);
    }
    const changes = this.settle(touched, now, 'expired');
    return changes.map((c) =>
      c.kind === 'disappeared' && silent.has(c.advert.key) ? { ...c, reason: 'silent' } : c,
    );
  }

  /** The interface went away (unplugged, link down): everything heard on it goes too. */
  dropInterface(iface: string, now: number): AdvertChange[] {
    const touched = new Set<string>();
    for (const [key, inst] of this.instances) {
      if (inst.iface !== iface) continue;
      inst.ptr = 0;
      touched.add(key);
    }
    return this.settle(touched, now, 'interface-gone');
  }

  /** What to ask on `iface` to complete half-heard adverts (an SRV or an address missing). */
  questions(iface: string): Question[] {
    const out: Question[] = [];
    for (const inst of this.instances.values()) {
      if (inst.iface !== iface || inst.ptr === 0 || this.listed.has(this.keyOf(inst))) continue;
      if (!inst.srv)
        out.push({ name: inst.instance, type: 'SRV' }, { name: inst.instance, type: 'TXT' });
      else out.push({ name: inst.srv.value.host, type: 'A' });
    }
    return out;
  }

  private keyOf(inst: Instance): string {
    return `${inst.iface}|${inst.instance}`;
  }

  private create(
    iface: string,
    instance: string,
    source: string,
    now: number,
  ): Instance | undefined {
    if (this.instances.size >= this.limits.maxInstances) return undefined;
    const count = this.perSource.get(source) ?? 0;
    if (count >= this.limits.maxInstancesPerSource) return undefined;
    this.perSource.set(source, count + 1);
    const inst: Instance = {
      iface,
      instance,
      source,
      resin: false,
      ptr: 0,
      srv: undefined,
      txt: undefined,
      firstSeen: now,
      lastSeen: now,
    };
    this.instances.set(`${iface}|${instance}`, inst);
    return inst;
  }

  private setSrv(key: string, inst: Instance, srv: Instance['srv']): void {
    const oldHost = inst.srv && `${inst.iface}|${inst.srv.value.host}`;
    const newHost = srv && `${inst.iface}|${srv.value.host}`;
    inst.srv = srv;
    if (oldHost === newHost) return;
    if (oldHost !== undefined) {
      const users = this.hostUsers.get(oldHost);
      users?.delete(key);
      if (users?.size === 0) {
        this.hostUsers.delete(oldHost);
        this.hosts.delete(oldHost);
      }
    }
    if (newHost !== undefined) {
      const users = this.hostUsers.get(newHost) ?? new Set<string>();
      users.add(key);
      this.hostUsers.set(newHost, users);
    }
  }

  private forget(key: string, inst: Instance): void {
    this.setSrv(key, inst, undefined);
    this.instances.delete(key);
    const count = (this.perSource.get(inst.source) ?? 1) - 1;
    if (count <= 0) this.perSource.delete(inst.source);
    else this.perSource.set(inst.source, count);
  }

  /** Recomputes the touched adverts and says what changed for the people watching. */
  private settle(touched: Set<string>, now: number, goneReason: DisappearReason): AdvertChange[] {
    const changes: AdvertChange[] = [];
    for (const key of touched) {
      const inst = this.instances.get(key);
      const before = this.listed.get(key);
      const after = inst ? this.view(inst, before) : undefined;
      if (inst && inst.ptr === 0) this.forget(key, inst);
      if (after) {
        this.listed.set(key, after);
        if (!before) changes.push({ kind: 'appeared', advert: after });
        else if (!sameAdvert(before, after)) changes.push({ kind: 'updated', advert: after });
      } else if (before) {
        this.listed.delete(key);
        changes.push({
          kind: 'disappeared',
          advert: { ...before, lastSeen: now },
          reason: goneReason,
        });
      }
    }
    return changes;
  }

  private view(inst: Instance, before: Advert | undefined): Advert | undefined {
    if (inst.ptr === 0 || !inst.resin || !inst.srv) return undefined;
    const host = inst.srv.value.host;
    const address = this.hosts.get(`${inst.iface}|${host}`)?.value;
    if (address === undefined) return undefined;
    return {
      key: this.keyOf(inst),
      iface: inst.iface,
      instance: inst.instance,
      name: instanceLabel(inst.instance),
      host,
      port: inst.srv.value.port,
      address,
      txt: inst.txt?.value ?? before?.txt ?? {},
      source: inst.source,
      firstSeen: inst.firstSeen,
      lastSeen: inst.lastSeen,
    };
  }
}
