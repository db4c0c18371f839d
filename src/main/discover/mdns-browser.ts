// SPDX-License-Identifier: Apache-2.0
// Browses for balenaOS boards on every allowed interface, including ones that appear later.
import type { RemoteInfo } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import { RESIN_SUBTYPE, defaultLimits, type Advert, type AdvertChange } from './advert.js';
import { AdvertTable } from './advert-table.js';
import { interfaceFor, selectInterfaces, type HostInterface } from './interfaces.js';
import { recordsOf } from './mdns-records.js';
import type { MdnsSocket, openMdnsSocket } from './mdns-socket.js';
import { SenderRateLimit } from './rate-limit.js';

export interface BrowserTimings {
  /** Steady re-query: how a board that stops answering is noticed. */
  queryIntervalMs: number;
  /** How often interfaces are looked at (a USB adapter plugged in, a link going down). */
  interfacePollMs: number;
  silentAfterMs: number;
}

export const defaultTimings: BrowserTimings = {
  queryIntervalMs: 10_000,
  interfacePollMs: 2_000,
  silentAfterMs: defaultLimits.silentAfterMs,
};

/** Queries right after an interface appears: a lost packet costs a second, not ten. */
const STARTUP_QUERIES_MS = [0, 1000, 3000];
const TICK_MS = 500;
/** A board's reply is a few packets; generous, yet a flood from one sender stays cheap. */
const PACKETS_PER_SECOND = 50;
const PACKET_BURST = 200;
const RETRY_FAILED_MS = 10_000;

/** bonjour-service loads with the first browse: an engine that never browses never loads it. */
let openSocket: typeof openMdnsSocket | undefined;

export interface BrowserEvents {
  onChanges(changes: AdvertChange[]): void;
  onInterfaces(active: HostInterface[]): void;
}

interface Open {
  socket: MdnsSocket;
  openedAt: number;
  lastQuery: number;
  startupSent: number;
}

export class MdnsBrowser {
  private allow: string[] = [];
  private running = false;
  private readonly open = new Map<string, Open>();
  private readonly failed = new Map<string, number>();
  private active: HostInterface[] = [];
  private table: AdvertTable;
  private readonly limiter = new SenderRateLimit(PACKETS_PER_SECOND, PACKET_BURST);
  private timer: NodeJS.Timeout | undefined;
  private lastPoll = 0;
  private readonly asked = new Map<string, number>();

  constructor(
    private readonly events: BrowserEvents,
    private readonly timings: BrowserTimings = defaultTimings,
  ) {
    this.table = new AdvertTable({ ...defaultLimits, silentAfterMs: timings.silentAfterMs });
  }

  get interfaces(): HostInterface[] {
    return this.active;
  }

  get allowList(): string[] {
    return [...this.allow];
  }

  get isRunning(): boolean {
    return this.running;
  }

  list(): Advert[] {
    return this.table.list();
  }

  async start(allow: readonly string[]): Promise<void> {
    this.allow = [...allow];
    this.running = true;
    this.failed.clear();
    openSocket ??= (await import('./mdns-socket.js')).openMdnsSocket;
    // Stopped while the socket code loaded.
    if (!this.running) return;
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    this.pollInterfaces(Date.now());
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const now = Date.now();
    const names = [...this.open.keys()];
    await Promise.all(names.map((name) => this.close(name, now)));
    this.publishInterfaces();
  }

  /** Re-asks every interface now (a person pressed refresh). */
  queryNow(): void {
    const now = Date.now();
    for (const entry of this.open.values()) this.query(entry, now);
  }

  private tick(): void {
    const now = Date.now();
    if (now - this.lastPoll >= this.timings.interfacePollMs) this.pollInterfaces(now);
    for (const entry of this.open.values()) {
      const since = now - entry.openedAt;
      const startup = STARTUP_QUERIES_MS[entry.startupSent];
      if (startup !== undefined && since >= startup) {
        entry.startupSent++;
        this.query(entry, now);
      } else if (now - entry.lastQuery >= this.timings.queryIntervalMs) {
        this.query(entry, now);
      }
      this.askFollowUps(entry, now);
    }
    this.emit(this.table.expire(now));
  }

  private query(entry: Open, now: number): void {
    entry.lastQuery = now;
    entry.socket.query([{ name: RESIN_SUBTYPE, type: 'PTR' }]);
  }

  /** Half-heard adverts (no SRV, no address): ask for the missing part, once a second at most. */
  private askFollowUps(entry: Open, now: number): void {
    const wanted = this.table
      .questions(entry.socket.iface.name)
      .filter(
        (q) =>
          now - (this.asked.get(`${entry.socket.iface.name}|${q.type}|${q.name}`) ?? 0) >= 1000,
      )
      .slice(0, 32);
    for (const q of wanted) this.asked.set(`${entry.socket.iface.name}|${q.type}|${q.name}`, now);
    if (this.asked.size > 10_000) this.asked.clear();
    entry.socket.query(wanted);
  }

  private pollInterfaces(now: number): void {
    this.lastPoll = now;
    if (!this.running) return;
    const wanted = selectInterfaces(networkInterfaces(), this.allow);
    const byName = new Map(wanted.map((iface) => [iface.name, iface]));
    for (const [name, entry] of this.open) {
      const want = byName.get(name);
      if (!want || want.address !== entry.socket.iface.address) void this.close(name, now);
    }
    for (const iface of wanted) {
      if (this.open.has(iface.name)) continue;
      const failedAt = this.failed.get(iface.name);
      if (failedAt !== undefined && now - failedAt < RETRY_FAILED_MS) continue;
      this.openOn(iface, now);
    }
    this.publishInterfaces();
  }

  private openOn(iface: HostInterface, now: number): void {
    if (!openSocket) return;
    const socket = openSocket(iface, {
      onResponse: (packet, rinfo, unicast) => this.onResponse(iface.name, packet, rinfo, unicast),
      onError: () => {
        this.failed.set(iface.name, Date.now());
        void this.close(iface.name, Date.now());
        this.publishInterfaces();
      },
    });
    const entry: Open = { socket, openedAt: now, lastQuery: 0, startupSent: 0 };
    this.open.set(iface.name, entry);
    // The first query goes at once (multicast-dns holds it until the socket is bound), not at
    // the next tick: this is most of how fast a bench is listed.
    entry.startupSent = 1;
    this.query(entry, now);
  }

  private async close(name: string, now: number): Promise<void> {
    const entry = this.open.get(name);
    if (!entry) return;
    this.open.delete(name);
    this.emit(this.table.dropInterface(name, now));
    await entry.socket.close();
  }

  private onResponse(heardOn: string, packet: unknown, rinfo: RemoteInfo, unicast: boolean): void {
    if (rinfo.family !== 'IPv4') return;
    // Every socket hears every interface: only the socket of the sender's own subnet handles it.
    const openIfaces = [...this.open.values()].map((e) => e.socket.iface);
    const iface = interfaceFor(rinfo.address, openIfaces);
    if (!iface || iface.name !== heardOn) return;
    const now = Date.now();
    if (!this.limiter.allow(rinfo.address, now)) return;
    let records = recordsOf(packet);
    if (unicast) {
      // Legacy-unicast answers carry TTLs capped at 10 s for resolvers that do not re-ask; we
      // do re-ask, and a board that stops answering is caught by silence, not by these TTLs.
      const floor = Math.ceil(this.timings.silentAfterMs / 1000);
      records = records.map((r) => (r.ttl === 0 ? r : { ...r, ttl: Math.max(r.ttl, floor) }));
    }
    this.emit(this.table.ingest(records, iface.name, rinfo.address, now));
  }

  private emit(changes: AdvertChange[]): void {
    if (changes.length > 0) this.events.onChanges(changes);
  }

  private publishInterfaces(): void {
    const next = [...this.open.values()].map((e) => e.socket.iface);
    const same =
      next.length === this.active.length &&
      next.every(
        (iface, i) =>
          iface.name === this.active[i]?.name && iface.address === this.active[i]?.address,
      );
    if (same) return;
    this.active = next;
    this.events.onInterfaces(next);
  }
}
