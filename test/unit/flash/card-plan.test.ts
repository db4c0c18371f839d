// SPDX-License-Identifier: Apache-2.0
// The Flash pane's preview of each card: the engine's numbering and addresses, before writing.
import { describe, expect, it } from 'vitest';
import { planCards, sameCards, startIndexOf } from '../../../src/renderer/panes/flash/card-plan.js';
import { emptyConfigForm } from '../../../src/renderer/panes/flash/config-form.js';
import { parseCardsCsv } from '../../../src/shared/cards-csv.js';

const form = { ...emptyConfigForm, enabled: true, hostname: 'cm4', staticIp: '10.0.0.50/24' };

describe('Flash pane card plan', () => {
  it('names and addresses each card from the first card number', () => {
    expect(planCards(form, ['/dev/a', '/dev/b'], 3)).toEqual({
      cards: [
        { target: '/dev/a', index: 3, hostname: 'cm4-3', address: '10.0.0.50/24' },
        { target: '/dev/b', index: 4, hostname: 'cm4-4', address: '10.0.0.51/24' },
      ],
    });
    expect(planCards({ ...form, hostname: 'solo' }, ['/dev/a'], 1).cards[0]?.hostname).toBe('solo');
    expect(planCards({ ...form, hostname: '' }, ['/dev/a'], 1).cards[0]?.hostname).toBeUndefined();
  });

  it('leaves the number to the engine when appending, and says when addresses run out', () => {
    const plan = planCards({ ...form, staticIp: '10.0.0.254/24' }, ['/dev/a', '/dev/b'], undefined);
    expect(plan.cards.map((c) => [c.index, c.hostname])).toEqual([
      [undefined, 'cm4-{{index}}'],
      [undefined, 'cm4-{{index}}'],
    ]);
    expect(plan.problem).toBe(
      'Static addresses: 2 cards from 10.0.0.254 run past the last address of the /24 network (10.0.0.254): there is room for 1.',
    );
  });

  it('shows each card of a cards table on its drive: slot, hostname, address, labels', () => {
    const table = parseCardsCsv(
      'slot,hostname,ip,labels,target\nA1,a1,10.0.0.5/24,arm,/dev/b\nA2,a2,,,/dev/a\n',
    );
    expect(planCards(emptyConfigForm, ['/dev/a', '/dev/b'], 1, table)).toEqual({
      cards: [
        { target: '/dev/a', index: 1, hostname: 'a2', address: undefined, slot: 'A2', labels: [] },
        {
          target: '/dev/b',
          index: 2,
          hostname: 'a1',
          address: '10.0.0.5/24',
          slot: 'A1',
          labels: ['arm'],
        },
      ],
    });
    // The same refusals as the engine's: a drive no card is for, a hostname beside the table.
    expect(planCards(emptyConfigForm, ['/dev/a', '/dev/c'], 1, table).problem).toMatch(
      /line 2 \(slot A1\) is for \/dev\/b, which is not among the drives to write/,
    );
    expect(planCards(form, ['/dev/a', '/dev/b'], 1, table).problem).toMatch(
      /leave the hostname option out/,
    );
  });

  it('reads the first card number, and knows the cards just flashed in any order', () => {
    expect(startIndexOf('')).toBeUndefined();
    expect(startIndexOf(' 7 ')).toBe(7);
    expect(startIndexOf('0')).toBe('invalid');
    expect(startIndexOf('x')).toBe('invalid');
    expect(sameCards(['/dev/b', '/dev/a'], ['/dev/a', '/dev/b'])).toBe(true);
    expect(sameCards(['/dev/a'], ['/dev/a', '/dev/b'])).toBe(false);
    expect(sameCards(['/dev/a'], undefined)).toBe(false);
  });
});
