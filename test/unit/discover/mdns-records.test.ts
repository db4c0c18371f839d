// SPDX-License-Identifier: Apache-2.0
import { describe, it, expect } from 'vitest';
import { cleanName, recordsOf } from '../../../src/main/discover/mdns-records.js';

describe('recordsOf', () => {
  it('keeps PTR, SRV, TXT and A records, lower-cased and without the trailing dot', () => {
    const records = recordsOf({
      answers: [{ name: '_ssh._tcp.local', type: 'PTR', ttl: 4500, data: 'ABC._ssh._tcp.local.' }],
      additionals: [
        {
          name: 'abc._ssh._tcp.local',
          type: 'SRV',
          ttl: 120,
          data: { target: 'abc.local', port: 22222 },
        },
        { name: 'abc._ssh._tcp.local', type: 'TXT', ttl: 4500, data: [Buffer.from('Version=2.1')] },
        { name: 'abc.local', type: 'A', ttl: 120, data: '10.231.0.2' },
        { name: 'abc.local', type: 'AAAA', ttl: 120, data: 'fe80::1' },
      ],
    });
    expect(records).toEqual([
      { type: 'PTR', name: '_ssh._tcp.local', ttl: 4500, target: 'abc._ssh._tcp.local' },
      { type: 'SRV', name: 'abc._ssh._tcp.local', ttl: 120, host: 'abc.local', port: 22222 },
      { type: 'TXT', name: 'abc._ssh._tcp.local', ttl: 4500, txt: { version: '2.1' } },
      { type: 'A', name: 'abc.local', ttl: 120, address: '10.231.0.2' },
    ]);
  });

  it('drops malformed records and survives garbage', () => {
    expect(recordsOf(null)).toEqual([]);
    expect(recordsOf({ answers: 'x' })).toEqual([]);
    expect(
      recordsOf({
        answers: [
          null,
          { name: 42, type: 'PTR', data: 'x' },
          { name: 'a\u0007b.local', type: 'A', data: '10.0.0.1' },
          { name: 'a.local', type: 'A', data: 'not an address' },
          { name: 'x._ssh._tcp.local', type: 'SRV', data: { target: 'x.local', port: 99999 } },
          { name: 'x'.repeat(300), type: 'PTR', data: 'y' },
        ],
      }),
    ).toEqual([]);
  });

  it('trims a huge TXT record to a few short entries', () => {
    const data = Array.from({ length: 1000 }, (_, i) => Buffer.from(`k${i}=${'v'.repeat(1000)}`));
    const [record] = recordsOf({
      answers: [{ name: 'a._ssh._tcp.local', type: 'TXT', ttl: 1, data }],
    });
    expect(record?.type).toBe('TXT');
    const txt = record?.type === 'TXT' ? record.txt : {};
    expect(Object.keys(txt)).toHaveLength(32);
    expect(Object.values(txt).every((v) => v.length <= 255)).toBe(true);
  });

  it('caps the number of records read from one packet', () => {
    const answers = Array.from({ length: 5000 }, () => ({
      name: 'a.local',
      type: 'A',
      ttl: 1,
      data: '10.0.0.1',
    }));
    expect(recordsOf({ answers })).toHaveLength(256);
  });

  it('clamps absurd TTLs so records still expire', () => {
    const [record] = recordsOf({
      answers: [{ name: 'a.local', type: 'A', ttl: 2 ** 31, data: '10.0.0.1' }],
    });
    expect(record?.ttl).toBe(24 * 3600);
  });

  it('rejects names with control characters', () => {
    expect(cleanName('bad\nname')).toBeUndefined();
    expect(cleanName('Good.Local.')).toBe('good.local');
  });
});
