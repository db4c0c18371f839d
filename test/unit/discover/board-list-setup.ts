// SPDX-License-Identifier: Apache-2.0
// What the BoardList tests start from: an mDNS advert for a named board, and a list whose
// changes (what the faces are told) are kept to be read back.
import type { DeviceChange } from '../../../src/shared/contract/index.js';
import type { Advert } from '../../../src/main/discover/advert.js';
import { BoardList } from '../../../src/main/discover/board-list.js';

export const advert = (name: string, address: string, iface = 'btv0'): Advert => ({
  key: `${iface}|${name}._ssh._tcp.local`,
  iface,
  instance: `${name}._ssh._tcp.local`,
  name,
  host: `${name}.local`,
  port: 22222,
  address,
  txt: {},
  source: address,
  firstSeen: 0,
  lastSeen: 0,
});

export function listWithLog(): { list: BoardList; changes: DeviceChange[] } {
  const changes: DeviceChange[] = [];
  return { list: new BoardList((change) => changes.push(change)), changes };
}

/** Each change as one line: `kind id reason`. */
export const changeLines = (changes: DeviceChange[]): string[] =>
  changes.map((c) => `${c.kind} ${c.board.id} ${c.reason ?? ''}`.trim());
