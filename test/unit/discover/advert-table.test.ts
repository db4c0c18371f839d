// SPDX-License-Identifier: Apache-2.0
import { describe, it, expect } from 'vitest';
import { AdvertTable } from '../../../src/main/discover/advert-table.js';
import { RESIN_SUBTYPE, SERVICE, defaultLimits } from '../../../src/main/discover/advert.js';
import type { MdnsRecord } from '../../../src/main/discover/mdns-records.js';

const instance = (name: string) => `${name}.${SERVICE}`;

/** What avahi on a balenaOS board answers to a subtype query. */
function reply(name: string, address: string, ttl = 120): MdnsRecord[] {
  return [
    { type: 'PTR', name: RESIN_SUBTYPE, ttl: ttl === 0 ? 0 : 4500, target: instance(name) },
    { type: 'SRV', name: instance(name), ttl, host: `${name}.local`, port: 22222 },
    { type: 'TXT', name: instance(name), ttl: ttl === 0 ? 0 : 4500, txt: {} },
    { type: 'A', name: `${name}.local`, ttl, address },
  ];
}

describe('AdvertTable', () => {
  it('lists a board once its PTR, SRV and address are all heard', () => {
    const table = new AdvertTable();
    const changes = table.ingest(reply('abc1234', '10.231.0.2'), 'btv0', '10.231.0.2', 1000);
    expect(changes.map((c) => c.kind)).toEqual(['appeared']);
    expect(table.list()).toMatchObject([
      { name: 'abc1234', host: 'abc1234.local', address: '10.231.0.2', port: 22222, iface: 'btv0' },
    ]);
  });

  it('does not duplicate a board that announces again', () => {
    const table = new AdvertTable();
    table.ingest(reply('abc1234', '10.231.0.2'), 'btv0', '10.231.0.2', 1000);
    const again = table.ingest(reply('abc1234', '10.231.0.2'), 'btv0', '10.231.0.2', 2000);
    expect(again).toEqual([]);
    expect(table.list()).toHaveLength(1);
  });

  it('reports an updated address as one update, not a new board', () => {
    const table = new AdvertTable();
    table.ingest(reply('abc1234', '10.231.0.2'), 'btv0', '10.231.0.2', 1000);
    const moved = table.ingest(reply('abc1234', '10.231.0.3'), 'btv0', '10.231.0.3', 2000);
    expect(moved).toMatchObject([{ kind: 'updated', advert: { address: '10.231.0.3' } }]);
  });

  it('merges records that arrive in separate packets', () => {
    const table = new AdvertTable();
    const [ptr, srv, , a] = reply('abc1234', '10.231.0.2');
    expect(table.ingest([ptr!], 'btv0', '10.231.0.2', 0)).toEqual([]);
    expect(table.questions('btv0')).toEqual([
      { name: instance('abc1234'), type: 'SRV' },
      { name: instance('abc1234'), type: 'TXT' },
    ]);
    expect(table.ingest([srv!], 'btv0', '10.231.0.2', 10)).toEqual([]);
    expect(table.questions('btv0')).toEqual([{ name: 'abc1234.local', type: 'A' }]);
    expect(table.ingest([a!], 'btv0', '10.231.0.2', 20).map((c) => c.kind)).toEqual(['appeared']);
    expect(table.questions('btv0')).toEqual([]);
  });

  it('keeps the same board on two interfaces as two adverts', () => {
    const table = new AdvertTable();
    table.ingest(reply('abc1234', '10.231.0.2'), 'btv0', '10.231.0.2', 0);
    table.ingest(reply('abc1234', '192.168.7.2'), 'usb0', '192.168.7.2', 0);
    expect(
      table
        .list()
        .map((a) => a.iface)
        .sort(),
    ).toEqual(['btv0', 'usb0']);
  });

  it('removes a board at once on its goodbye (TTL 0)', () => {
    const table = new AdvertTable();
    table.ingest(reply('abc1234', '10.231.0.2'), 'btv0', '10.231.0.2', 0);
    const bye = table.ingest(reply('abc1234', '10.231.0.2', 0), 'btv0', '10.231.0.2', 500);
    expect(bye).toMatchObject([{ kind: 'disappeared', reason: 'goodbye' }]);
    expect(table.list()).toEqual([]);
    expect(table.size).toBe(0);
  });

  it('expires a board whose address record outlives its TTL', () => {
    const table = new AdvertTable({ ...defaultLimits, silentAfterMs: 1e9 });
    table.ingest(reply('abc1234', '10.231.0.2', 10), 'btv0', '10.231.0.2', 0);
    expect(table.expire(9_000)).toEqual([]);
    expect(table.expire(10_001)).toMatchObject([{ kind: 'disappeared', reason: 'expired' }]);
  });

  it('drops a board that stops answering although its TTL still runs', () => {
    const table = new AdvertTable({ ...defaultLimits, silentAfterMs: 5000 });
    table.ingest(reply('abc1234', '10.231.0.2'), 'btv0', '10.231.0.2', 0);
    expect(table.expire(4000)).toEqual([]);
    table.ingest(reply('abc1234', '10.231.0.2'), 'btv0', '10.231.0.2', 4000);
    expect(table.expire(8000)).toEqual([]);
    expect(table.expire(9001)).toMatchObject([{ kind: 'disappeared', reason: 'silent' }]);
  });

  it('forgets everything heard on an interface that went away', () => {
    const table = new AdvertTable();
    table.ingest(reply('a', '10.231.0.2'), 'btv0', '10.231.0.2', 0);
    table.ingest(reply('b', '10.231.1.2'), 'btv1', '10.231.1.2', 0);
    expect(table.dropInterface('btv0', 1)).toMatchObject([
      { kind: 'disappeared', reason: 'interface-gone', advert: { name: 'a' } },
    ]);
    expect(table.list().map((a) => a.name)).toEqual(['b']);
  });

  it('lists only balenaOS boards (the resin-device subtype), not every ssh host', () => {
    const table = new AdvertTable();
    const laptop: MdnsRecord[] = [
      { type: 'PTR', name: SERVICE, ttl: 4500, target: instance('laptop') },
      { type: 'SRV', name: instance('laptop'), ttl: 120, host: 'laptop.local', port: 22 },
      { type: 'A', name: 'laptop.local', ttl: 120, address: '10.231.0.9' },
    ];
    expect(table.ingest(laptop, 'btv0', '10.231.0.9', 0)).toEqual([]);
  });

  it('caps how many boards one sender may speak for', () => {
    const table = new AdvertTable({ ...defaultLimits, maxInstancesPerSource: 3 });
    for (let i = 0; i < 100; i++)
      table.ingest(reply(`fake${i}`, '10.231.0.2'), 'btv0', '10.231.0.2', 0);
    expect(table.list()).toHaveLength(3);
    table.ingest(reply('real', '10.231.1.2'), 'btv1', '10.231.1.2', 0);
    expect(table.list().map((a) => a.name)).toContain('real');
  });

  it('ignores addresses of hosts no advert points at', () => {
    const table = new AdvertTable();
    const flood: MdnsRecord[] = Array.from({ length: 200 }, (_, i) => ({
      type: 'A' as const,
      name: `junk${i}.local`,
      ttl: 120,
      address: '10.231.0.2',
    }));
    expect(table.ingest(flood, 'btv0', '10.231.0.2', 0)).toEqual([]);
    expect(table.size).toBe(0);
  });
});
