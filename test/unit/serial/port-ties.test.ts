// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PortMemory } from '../../../src/main/serial/port-memory.js';
import { PortTies } from '../../../src/main/serial/port-ties.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-ties-'));
  const port = join(dir, 'ttyBOARD');
  writeFileSync(port, '');
  const memory = new PortMemory(join(dir, 'serial-ports.json'));
  return { port, memory, ties: new PortTies(memory) };
}

describe('port ties', () => {
  it('opens a tied board by its name, and remembers the tie for the next run', async () => {
    const { port, memory, ties } = setup();
    await ties.tie(port, { kind: 'path', path: port }, 'board1');
    await expect(ties.resolveTarget({ board: 'board1' })).resolves.toBe(port);
    expect(ties.boardOf(port, undefined)).toBe('board1');
    const later = new PortTies(memory);
    await expect(later.list()).resolves.toEqual([{ board: 'board1', path: port, present: true }]);
  });

  it('follows a USB adapter by its serial number, wherever it is plugged', async () => {
    const { ties } = setup();
    await ties.tie('/dev/ttyUSB0', { kind: 'usb', serialNumber: 'A1B2' }, 'board2');
    expect(ties.boardOf('/dev/ttyUSB3', 'A1B2')).toBe('board2');
    await expect(ties.resolveTarget({ board: 'board2' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('A1B2') as string,
    });
  });

  it('refuses a board with no tie, saying how to make one, and unties on request', async () => {
    const { port, ties } = setup();
    await expect(ties.resolveTarget({ board: 'nowhere' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('benchtop ports tie PATH nowhere') as string,
    });
    await ties.tie(port, { kind: 'path', path: port }, 'board1');
    await ties.tie(port, { kind: 'path', path: port }, undefined);
    expect(ties.boardOf(port, undefined)).toBeUndefined();
    await expect(ties.resolveTarget({ path: port })).resolves.toBe(port);
  });
});
