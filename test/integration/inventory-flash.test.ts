// SPDX-License-Identifier: Apache-2.0
// A flash through the built CLI onto loop devices lands in the inventory, as a person sees it
// with `benchtop boards` afterwards.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryBoard } from '../../src/shared/contract/index.js';
import { benchtop, configOn, useFlashBench } from '../fixtures/flash-bench.js';

const bench = useFlashBench('benchtop-inventory-flash-', 2);

describe('the inventory after benchtop flash (CLI, loop devices)', () => {
  it('lists each card flashed as a board with its uuid, hostname, device type, image and target', () => {
    const template = join(bench.dir, 'template.json');
    writeFileSync(template, '{"uuid":"{{uuid}}","hostname":"slot-{{index}}"}');
    const run = benchtop([
      'flash',
      bench.image.path,
      ...bench.loops.flatMap((loop) => ['--target', loop.device]),
      '--config',
      template,
      '--device-type',
      'raspberrypi4-64',
    ]);
    expect(run.stderr).not.toMatch(/benchtop:/);
    expect(run.code).toBe(0);

    const listed = benchtop(['boards', '--json']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const boards = InventoryBoard.array().parse(JSON.parse(listed.stdout));
    expect(boards.map((b) => b.hostname)).toEqual(['slot-1', 'slot-2']);
    for (const [i, board] of boards.entries()) {
      const written = configOn(bench.loops[i]!.device, bench.image.bootOffset);
      expect(board).toMatchObject({
        uuid: written['uuid'],
        deviceType: 'raspberrypi4-64',
        presence: null,
        lastPush: null,
        lastFlash: {
          image: expect.stringMatching(/os\.img$/) as string,
          target: bench.loops[i]?.device,
          reader: `loop:${bench.loops[i]?.file}`,
          error: null,
        },
      });
      expect(board.lastFlash?.imageChecksum).toMatch(/^sha256/);
    }

    const shown = benchtop(['board', 'show', 'slot-2']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Device type\s+raspberrypi4-64/);
    expect(shown.stdout).toMatch(/Seen\s+never/);
    expect(shown.stdout).toContain(bench.loops[1]?.device);
  });
});
