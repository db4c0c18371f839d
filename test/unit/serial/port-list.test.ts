// SPDX-License-Identifier: Apache-2.0
// Listing ports runs `udevadm info -e` on Linux: a group opening many consoles at once must
// share one listing, and a later question must get a fresh one.
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listPorts } from '../../../src/main/serial/port-list.js';

afterEach(() => vi.restoreAllMocks());

describe('listing serial ports', () => {
  it('shares one system listing among callers who ask while it runs, and lists again later', async () => {
    const list = vi.spyOn(SerialPort, 'list');
    const together = await Promise.all(
      Array.from({ length: 20 }, () => listPorts().catch(() => [])),
    );
    expect(list).toHaveBeenCalledTimes(1);
    // Each caller may change what it got without touching the others'.
    expect(together[0]).not.toBe(together[1]);
    expect(together[0]).toEqual(together[19]);
    await listPorts().catch(() => []);
    expect(list).toHaveBeenCalledTimes(2);
  });
});
