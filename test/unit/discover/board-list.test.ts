// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { boardFromAdvert, typedBoard } from '../../../src/main/discover/board-records.js';
import { advert, changeLines, listWithLog } from './board-list-setup.js';

describe('BoardList: a board added by hand and heard over mDNS', () => {
  it('lists it once, as its mDNS record marked as added by hand', () => {
    const { list } = listWithLog();
    list.put(typedBoard('10.231.0.2', 'manual', 0, '10.231.0.2'));
    list.put(boardFromAdvert(advert('abc1234', '10.231.0.2')));
    expect(list.list()).toHaveLength(1);
    expect(list.list()[0]).toMatchObject({
      source: 'mdns',
      addedByHand: true,
      address: '10.231.0.2',
      interface: 'btv0',
    });
  });

  it('merges by host name too, whichever comes first', () => {
    const { list } = listWithLog();
    list.put(boardFromAdvert(advert('abc1234', '10.231.0.2')));
    list.put(typedBoard('abc1234.local', 'manual', 0, null));
    expect(list.list().map((b) => [b.source, b.addedByHand])).toEqual([['mdns', true]]);
    expect(list.isShadowed('manual:abc1234.local')).toBe(true);
  });

  it('tells the faces the hand-added row merged, and brings it back when mDNS loses the board', () => {
    const { list, changes } = listWithLog();
    list.put(typedBoard('10.231.0.2', 'manual', 0, '10.231.0.2'));
    list.put(boardFromAdvert(advert('abc1234', '10.231.0.2')));
    expect(changeLines(changes)).toEqual([
      'appeared manual:10.231.0.2',
      'appeared mdns:btv0:abc1234._ssh._tcp.local',
      'disappeared manual:10.231.0.2 merged',
    ]);
    changes.length = 0;
    list.remove('mdns:btv0:abc1234._ssh._tcp.local', 'goodbye');
    expect(changeLines(changes)).toEqual([
      'disappeared mdns:btv0:abc1234._ssh._tcp.local goodbye',
      'appeared manual:10.231.0.2',
    ]);
    expect(list.list().map((b) => b.source)).toEqual(['manual']);
  });

  it('removing the hand-added entry leaves the mDNS record, no longer marked', () => {
    const { list, changes } = listWithLog();
    list.put(boardFromAdvert(advert('abc1234', '10.231.0.2')));
    list.put(typedBoard('10.231.0.2', 'manual', 0, '10.231.0.2'));
    changes.length = 0;
    list.remove('manual:10.231.0.2', 'removed');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'updated', board: { addedByHand: false } });
  });

  it('keeps two boards at different addresses apart', () => {
    const { list } = listWithLog();
    list.put(typedBoard('10.231.0.9', 'manual', 0, '10.231.0.9'));
    list.put(boardFromAdvert(advert('abc1234', '10.231.0.2')));
    expect(list.list()).toHaveLength(2);
  });
});

describe('BoardList: finding the board a command is aimed at', () => {
  const { list } = listWithLog();
  list.put(boardFromAdvert(advert('abc1234', '10.231.0.2')));
  list.put(boardFromAdvert(advert('def5678', '10.231.1.2', 'btv1')));

  it('finds a known board by address, mDNS name, short or full uuid', () => {
    expect(list.findBoard('10.231.1.2')?.name).toBe('def5678');
    expect(list.findBoard('def5678.local.')?.name).toBe('def5678');
    expect(list.findBoard('DEF5678')?.name).toBe('def5678');
    expect(list.findBoard('def5678e9f0a1b2c3d4e5f60718293a4')?.name).toBe('def5678');
    expect(list.findBoard('0000000')).toBeUndefined();
    expect(list.findBoard('def56789')).toBeUndefined();
  });

  it('resolves a name to its board and an address to itself, listed or not', async () => {
    await expect(list.resolve('abc1234')).resolves.toMatchObject({
      address: '10.231.0.2',
      board: { name: 'abc1234' },
    });
    await expect(list.resolve('10.231.7.99')).resolves.toEqual({
      address: '10.231.7.99',
      board: undefined,
    });
    expect(list.knownHost('abc1234.local')).toBe('10.231.0.2');
  });

  it('refuses what is neither an address nor a host name', async () => {
    await expect(list.resolve('not a name!')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
