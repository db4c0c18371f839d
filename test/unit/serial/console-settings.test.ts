// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { commands, ConsoleSettings } from '../../../src/shared/contract/index.js';

describe('console settings in the contract', () => {
  it('a change carries only what was changed, so the rest of a port’s settings stays', () => {
    const input = commands['console.settings'].input.parse({
      sessionId: 's',
      settings: { baudRate: 9600 },
    });
    expect(input.settings).toEqual({ baudRate: 9600 });
  });

  it('a full set fills in 115200 8N1, no flow control, no mapping', () => {
    expect(ConsoleSettings.parse({})).toEqual({
      baudRate: 115200,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
      sendMap: 'none',
      receiveMap: 'none',
      localEcho: false,
    });
  });

  it('refuses settings no port takes, and open without a port or a board', () => {
    const bad = commands['console.open'].input.safeParse({
      path: '/dev/ttyUSB0',
      settings: { baudRate: 7, dataBits: 9, parity: 'sometimes' },
    });
    expect(bad.success).toBe(false);
    expect(commands['console.open'].input.safeParse({}).success).toBe(false);
    expect(commands['console.open'].input.safeParse({ path: '/a', board: 'b' }).success).toBe(
      false,
    );
  });
});
