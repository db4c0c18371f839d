// SPDX-License-Identifier: Apache-2.0
// One row per board, and a board that leaves kept (greyed, last seen) until it is back or forgotten.
import { describe, expect, it } from 'vitest';
import type { Board } from '../../../src/shared/contract/index.js';
import type { Advert } from '../../../src/main/discover/advert.js';
import { boardFromAdvert, typedBoard } from '../../../src/main/discover/board-records.js';
import { advert, changeLines, listWithLog } from './board-list-setup.js';

/** A board Benchtop reached: its engine answered a probe. */
const reached = (a: Advert): Board => ({ ...boardFromAdvert(a), engineState: 'up' });

describe('BoardList: one row per board', () => {
  it('merges a hand-added full uuid, or another domain of the name, with its mDNS record', () => {
    for (const typed of ['abc1234e9f0a1b2c3d4e5f60718293a4', 'ABC1234.lan', 'abc1234.local.']) {
      const { list } = listWithLog();
      list.put(boardFromAdvert(advert('abc1234', '10.231.0.2')));
      list.put(typedBoard(typed, 'manual', 0, null));
      expect(list.list().map((b) => [b.source, b.addedByHand])).toEqual([['mdns', true]]);
    }
    const { list } = listWithLog();
    list.put(boardFromAdvert(advert('abc1234', '10.231.0.2')));
    list.put(typedBoard('abc9999e9f0a1b2c3d4e5f60718293a4', 'manual', 0, null));
    expect(list.list()).toHaveLength(2);
  });
});

describe('BoardList: a board that leaves', () => {
  const id = 'mdns:btv0:abc1234._ssh._tcp.local';

  it('keeps a board it reached as left, tells the faces, and lists it after those present', () => {
    const { list, changes } = listWithLog();
    list.put(reached(advert('abc1234', '10.231.0.2')));
    list.put(reached(advert('bbb0000', '10.231.1.2', 'btv1')));
    changes.length = 0;
    list.remove(id, 'goodbye');
    expect(changeLines(changes)).toEqual([`left ${id} goodbye`]);
    expect(list.list().map((b) => [b.name, b.left?.reason])).toEqual([
      ['bbb0000', undefined],
      ['abc1234', 'goodbye'],
    ]);
    expect(list.records().map((b) => b.name)).toEqual(['bbb0000']);
  });

  it('keeps a board whose probes failed before its advert went (off the network)', () => {
    const { list, changes } = listWithLog();
    list.put(reached(advert('abc1234', '10.231.0.2')));
    list.update(id, (b) => ({ ...b, engineState: 'down', ssh: { state: 'down' } }));
    changes.length = 0;
    list.remove(id, 'interface-gone');
    expect(changeLines(changes)).toEqual([`left ${id} interface-gone`]);
  });

  it('drops an advert that leaves while another record lists the same machine', () => {
    const { list, changes } = listWithLog();
    list.put(reached(advert('abc1234', '10.231.0.2')));
    list.put(reached(advert('extra', '10.231.0.2')));
    changes.length = 0;
    list.remove('mdns:btv0:extra._ssh._tcp.local', 'silent');
    expect(changeLines(changes)).toEqual(['disappeared mdns:btv0:extra._ssh._tcp.local silent']);
    expect(list.list().map((b) => b.name)).toEqual(['abc1234']);
  });

  it('drops a record it never reached (a stray advert) as before', () => {
    const { list, changes } = listWithLog();
    list.put(boardFromAdvert(advert('abc1234', '10.231.0.2')));
    changes.length = 0;
    list.remove(id, 'silent');
    expect(changeLines(changes)).toEqual([`disappeared ${id} silent`]);
    expect(list.list()).toEqual([]);
  });

  it('shows it again when it comes back, on the same or on another interface', () => {
    const { list, changes } = listWithLog();
    list.put(reached(advert('abc1234', '10.231.0.2')));
    list.remove(id, 'expired');
    changes.length = 0;
    list.put(reached(advert('abc1234', '10.231.0.2')));
    expect(changeLines(changes)).toEqual([`appeared ${id}`]);
    list.remove(id, 'interface-gone');
    changes.length = 0;
    list.put(reached(advert('abc1234', '10.231.0.2', 'btv9')));
    expect(changeLines(changes)).toEqual([
      `disappeared ${id} merged`,
      'appeared mdns:btv9:abc1234._ssh._tcp.local',
    ]);
    expect(list.list()).toHaveLength(1);
  });

  it('forgets a board that left, by name or address, and refuses one still present', () => {
    const { list, changes } = listWithLog();
    list.put(reached(advert('abc1234', '10.231.0.2')));
    expect(() => list.forget('abc1234')).toThrow(
      'abc1234 is on the network now; only a board that left can be forgotten.',
    );
    list.remove(id, 'goodbye');
    changes.length = 0;
    expect(list.forget('10.231.0.2').name).toBe('abc1234');
    expect(changeLines(changes)).toEqual([`disappeared ${id} forgotten`]);
    expect(() => list.forget('abc1234')).toThrow('No board "abc1234" left the list.');
  });

  it('shows a hand-added board that left as its hand-added row only', () => {
    const { list, changes } = listWithLog();
    list.put(typedBoard('10.231.0.2', 'manual', 0, '10.231.0.2'));
    list.put(reached(advert('abc1234', '10.231.0.2')));
    changes.length = 0;
    list.remove(id, 'goodbye');
    expect(changeLines(changes)).toEqual([
      `disappeared ${id} goodbye`,
      'appeared manual:10.231.0.2',
    ]);
    expect(list.list().map((b) => b.source)).toEqual(['manual']);
  });
});
