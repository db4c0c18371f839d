// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { parseCardsCsv } from '../../../src/shared/cards-csv.js';

describe('a cards table (slot → hostname, address, labels, config, target)', () => {
  it('reads every column, config.NAME ones as config variables', () => {
    const text = [
      'slot,hostname,ip,labels,config.persistentLogging,target',
      'A1,bench-01,10.0.0.11/24,arm rack=2,true,/dev/loop0',
      'A2,bench-02,,,,/dev/loop1',
    ].join('\n');
    expect(parseCardsCsv(text)).toEqual([
      {
        line: 2,
        slot: 'A1',
        hostname: 'bench-01',
        address: '10.0.0.11/24',
        labels: ['arm', 'rack=2'],
        target: '/dev/loop0',
        config: { persistentLogging: 'true' },
      },
      { line: 3, slot: 'A2', hostname: 'bench-02', labels: [], target: '/dev/loop1', config: {} },
    ]);
  });

  it('needs only slot and hostname', () => {
    expect(parseCardsCsv('hostname,slot\nb1,1\nb2,2\n').map((c) => c.hostname)).toEqual([
      'b1',
      'b2',
    ]);
  });

  it('names the line and column of each bad or repeated value', () => {
    const cases: [string, RegExp][] = [
      [
        'slot,ip\n1,10.0.0.1/24\n',
        /cards.csv, line 1, column 1: the header lacks the column hostname/,
      ],
      ['slot,hostname,colour\n', /line 1, column 3: unknown column "colour"/],
      ['slot,hostname\n1,a\n2,A\n', /line 3, column 2: the hostname A is also on line 2/],
      ['slot,hostname\n1,a\n1,b\n', /line 3, column 1: the slot 1 is also on line 2/],
      ['slot,hostname\n,a\n', /line 2, column 1: the slot is empty/],
      ['slot,hostname\n1,bad_name\n', /line 2, column 2: "bad_name" is not a hostname/],
      [
        'slot,hostname,ip\n1,a,10.0.0.300/24\n',
        /line 2, column 3: "10.0.0.300\/24" is not an IPv4 address/,
      ],
      [
        'slot,hostname,ip\n1,a,10.0.0.1/24\n2,b,10.0.0.1/16\n',
        /line 3, column 3: the address 10.0.0.1\/16 is also on line 2/,
      ],
      [
        'slot,hostname,target\n1,a,/dev/sdb\n2,b,\n',
        /line 3, column 3: this card names no target while others do/,
      ],
      [
        'slot,hostname,target\n1,a,/dev/sdb\n2,b,/dev/sdb\n',
        /line 3, column 3: the target \/dev\/sdb is also on line 2/,
      ],
      ['slot,hostname,labels\n1,a,"x y,z"\n', /line 2, column 3: "y,z" is not a label/],
      ['slot,hostname\n1,a,extra\n', /line 2, column 3: 3 cells where the header has 2/],
    ];
    for (const [text, message] of cases)
      expect(() => parseCardsCsv(text, 'cards.csv')).toThrow(message);
  });
});
