// SPDX-License-Identifier: Apache-2.0
// Flashing from a cards table through the built CLI onto loop devices, as a person types it:
// a bad table is refused before any card is touched; a good one gives each card its row's
// identity and leaves the boards, with their slots and labels, in the inventory.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryBoard } from '../../src/shared/contract/index.js';
import { mtype } from '../fixtures/build-image.js';
import {
  benchtop,
  configOn,
  lastResult,
  untouched,
  useFlashBench,
} from '../fixtures/flash-bench.js';

const bench = useFlashBench('benchtop-flash-cards-', 4);

const table = (name: string, lines: string[]): string => {
  const path = join(bench.dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};
const targets = (): string[] => bench.loops.flatMap((loop) => ['-t', loop.device]);

describe('benchtop flash --cards (CLI, loop devices)', () => {
  it('refuses a table with a missing hostname, a repeated slot or too few cards, writing nothing', () => {
    const cases: [string, string[], RegExp][] = [
      [
        'no-name.csv',
        ['slot,hostname', 'A1,bench-a1', 'A2,', 'A3,bench-a3', 'A4,bench-a4'],
        /no-name\.csv, line 3, column 2: "" is not a hostname/,
      ],
      [
        'same-slot.csv',
        ['slot,hostname,ip', 'A1,a1,10.0.0.1/24', 'A2,a2,', 'a1,a3,', 'A4,a4,'],
        /same-slot\.csv, line 4, column 1: the slot a1 is also on line 2/,
      ],
      [
        'short.csv',
        ['slot,hostname', 'A1,a1', 'A2,a2', 'A3,a3'],
        new RegExp(
          `The cards table has 3 cards for 4 drives: ${bench.loops[3]?.device ?? '?'} would get no card`,
        ),
      ],
    ];
    for (const [name, lines, problem] of cases) {
      const run = benchtop([
        'flash',
        bench.image.path,
        ...targets(),
        '--cards',
        table(name, lines),
      ]);
      expect(run.stderr).toMatch(problem);
      expect(run.stderr).toMatch(/nothing was written/i);
      // INVALID_CONFIG: the usage exit code, as for any configuration refused.
      expect(run.code).toBe(2);
    }
    const json = benchtop([
      'flash',
      bench.image.path,
      ...targets(),
      '--cards',
      join(bench.dir, 'same-slot.csv'),
      '--json',
    ]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({
      error: { code: 'INVALID_CONFIG' },
    });
    for (const loop of bench.loops) expect(untouched(loop)).toBe(true);
    expect(JSON.parse(benchtop(['boards', '--json']).stdout)).toEqual([]);
  });

  it("writes four cards, each its row's hostname, address and variables, and records four boards in their slots", () => {
    // The table names the drives, in another order than -t: each card goes where its row says.
    const rows = bench.loops.map((loop, i) => {
      const n = 4 - i;
      return `B${n},bench-b${n},10.0.9.${10 + n}/24,arm rack=${n},lab-${n},${loop.device}`;
    });
    const path = table('cards.csv', [
      'slot,hostname,ip,labels,config.site,target',
      ...rows.reverse(),
    ]);
    const run = benchtop(['flash', bench.image.path, ...targets(), '--cards', path, '--json']);
    expect(run.stderr).not.toMatch(/benchtop:/);
    expect(run.code).toBe(0);
    const result = lastResult(run.stdout);
    expect(result.cards.map((card) => [card.target, card.slot, card.hostname])).toEqual(
      bench.loops.map((loop, i) => [loop.device, `B${4 - i}`, `bench-b${4 - i}`]),
    );

    for (const [i, loop] of bench.loops.entries()) {
      const n = 4 - i;
      expect(configOn(loop.device, bench.image.bootOffset)).toMatchObject({
        uuid: result.cards[i]?.uuid,
        hostname: `bench-b${n}`,
        site: `lab-${n}`,
      });
      expect(
        mtype(loop.device, bench.image.bootOffset, 'system-connections/benchtop-ethernet'),
      ).toContain(`address1=10.0.9.${10 + n}/24\n`);
    }

    const listed = benchtop(['boards', '--json']);
    expect(listed.code).toBe(0);
    const boards = InventoryBoard.array().parse(JSON.parse(listed.stdout));
    expect(boards).toHaveLength(4);
    const bySlot = new Map(boards.map((board) => [board.location.slot, board]));
    for (const n of [1, 2, 3, 4]) {
      expect(bySlot.get(`B${n}`)).toMatchObject({
        hostname: `bench-b${n}`,
        labels: ['arm', `rack=${n}`],
        location: { crate: null, slot: `B${n}` },
        lastFlash: { address: `10.0.9.${10 + n}/24`, error: null },
      });
    }
    const shown = benchtop(['board', 'history', 'bench-b2']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/located/);
  });
});
