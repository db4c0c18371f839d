// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { assignCards, configProblemWithTable } from '../../../src/shared/card-table.js';
import { parseCardsCsv } from '../../../src/shared/cards-csv.js';
import { CardEntry } from '../../../src/shared/contract/index.js';

const card = (slot: string, line: number, extra: Partial<CardEntry> = {}): CardEntry =>
  CardEntry.parse({ slot, hostname: `bench-${slot.toLowerCase()}`, line, ...extra });

const slots = (result: ReturnType<typeof assignCards>): string[] =>
  'cards' in result ? result.cards.map((c) => c.slot) : [result.problem];

describe('assigning a cards table to the drives to write', () => {
  it('gives the cards to the drives in order when no card names a target', () => {
    const table = parseCardsCsv('slot,hostname\nA1,a1\nA2,a2\nA3,a3\n');
    expect(slots(assignCards(table, ['/dev/sdb', '/dev/sdc', '/dev/sdd']))).toEqual([
      'A1',
      'A2',
      'A3',
    ]);
  });

  it("follows the target column when the cards name drives, whatever the drives' order", () => {
    const table = parseCardsCsv('slot,hostname,target\nA1,a1,/dev/sdd\nA2,a2,/dev/sdb\n');
    expect(slots(assignCards(table, ['/dev/sdb', '/dev/sdd']))).toEqual(['A2', 'A1']);
  });

  it('names the card (line and slot) left without a drive, or the drive left without a card', () => {
    const table = [card('A1', 2), card('A2', 3), card('A3', 4)];
    expect(slots(assignCards(table, ['/dev/sdb', '/dev/sdc']))).toEqual([
      'The cards table has 3 cards for 2 drives: the card on line 4 (slot A3) has no drive to go to. Choose one drive per card, or remove rows.',
    ]);
    expect(slots(assignCards(table.slice(0, 1), ['/dev/sdb', '/dev/sdc']))).toEqual([
      'The cards table has 1 card for 2 drives: /dev/sdc would get no card. Choose one drive per card, or add rows.',
    ]);
  });

  it('refuses a target that is not being written, a drive no card is for, and a mix of both kinds', () => {
    const named = [card('A1', 2, { target: '/dev/sdb' }), card('A2', 3, { target: '/dev/sdx' })];
    expect(slots(assignCards(named, ['/dev/sdb', '/dev/sdc']))).toEqual([
      expect.stringMatching(
        /^The card on line 3 \(slot A2\) is for \/dev\/sdx, which is not among the drives to write \(\/dev\/sdb, \/dev\/sdc\)/,
      ),
    ]);
    expect(slots(assignCards(named.slice(0, 1), ['/dev/sdb', '/dev/sdc']))).toEqual([
      'No card of the table is for /dev/sdc: give it a row, or leave that drive out.',
    ]);
    const mixed = [card('A1', 2, { target: '/dev/sdb' }), card('A2', 3)];
    expect(slots(assignCards(mixed, ['/dev/sdb', '/dev/sdc']))).toEqual([
      expect.stringMatching(/^The card on line 3 \(slot A2\) names no target while others do/),
    ]);
  });

  it('refuses, for a table from any client, what the CSV reader would have refused', () => {
    const cases: [CardEntry[], RegExp][] = [
      [[card('A1', 2), card('a1', 3)], /The slot a1 on line 3 \(slot a1\) is also on line 2/],
      [
        [card('A1', 2, { hostname: 'x' }), card('A2', 3, { hostname: 'X' })],
        /The hostname X on line 3 \(slot A2\) is also on line 2 \(slot A1\)/,
      ],
      [
        [card('A1', 2, { hostname: 'no_way' })],
        /The hostname "no_way" on line 2 \(slot A1\) is not/,
      ],
      [
        [card('A1', 2, { address: '10.0.0.1/24' }), card('A2', 3, { address: '10.0.0.1/16' })],
        /The address 10.0.0.1 on line 3 \(slot A2\) is also on line 2/,
      ],
      [[card('A1', 2, { address: '10.0.0.1' })], /The address "10.0.0.1" on line 2 .* prefix/],
      [[card('A1', 2, { config: { uuid: 'x' } })], /config.uuid .* each card gets its own uuid/],
      [[CardEntry.parse({ slot: 'B', hostname: 'h', config: { 'a b': '1' } })], /"a b" on slot B/],
    ];
    for (const [table, problem] of cases)
      expect(
        slots(
          assignCards(
            table,
            table.map((_, i) => `/dev/sd${i}`),
          ),
        )[0],
      ).toMatch(problem);
  });

  it('leaves each card its own hostname and address: the config may not set them too', () => {
    expect(configProblemWithTable({ hostname: 'bench' })).toMatch(/leave the hostname option out/);
    expect(configProblemWithTable({ staticIp: { address: '10.0.0.2/24', dns: [] } })).toMatch(
      /ip column/,
    );
    expect(configProblemWithTable({})).toBeUndefined();
    expect(configProblemWithTable(undefined)).toBeUndefined();
  });
});
