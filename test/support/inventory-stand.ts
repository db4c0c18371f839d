// SPDX-License-Identifier: Apache-2.0
// A test stand's inventory as a person would import it: a CSV of boards in five crates of a
// hundred slots, with labels, some tied ports, and a few marked flaky.
export const CRATES = ['A', 'B', 'C', 'D', 'E'] as const;

export interface StandBoard {
  uuid: string;
  hostname: string;
  crate: string;
  slot: string;
  labels: string[];
}

/** Board `i` of the stand: crate by i mod 5, slot by i div 5 (so each slot is in every crate). */
export function standBoard(i: number): StandBoard {
  const crate = CRATES[i % CRATES.length] ?? 'A';
  return {
    uuid: `${(i + 1).toString(16).padStart(8, '0')}${'c0ffee00'.repeat(3)}`,
    hostname: `stand-${String(i).padStart(3, '0')}`,
    crate,
    slot: String(Math.floor(i / CRATES.length) + 1),
    labels: [
      i % 2 === 0 ? 'arch=arm64' : 'arch=amd64',
      `rack=${crate}`,
      ...(i % 50 === 7 ? ['flaky'] : []),
    ],
  };
}

export const standBoards = (count: number): StandBoard[] =>
  Array.from({ length: count }, (_, i) => standBoard(i));

/** The stand as the CSV `benchtop inventory import` takes. */
export function standCsv(count: number): string {
  const lines = standBoards(count).map((b, i) =>
    [
      b.uuid,
      b.hostname,
      i % 2 === 0 ? 'raspberrypi4-64' : 'genericx86-64',
      b.crate,
      b.slot,
      b.labels.join(' '),
      i % 10 === 0 ? `usb-adapter-${i}` : '',
    ].join(','),
  );
  return `uuid,hostname,deviceType,crate,slot,labels,portSerial\n${lines.join('\n')}\n`;
}
