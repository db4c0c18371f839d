// SPDX-License-Identifier: Apache-2.0
// Each board's build target from its recorded answers: the supervisor's when it gives one, else
// the engine's machine mapped to balena's arch with the board's device type; a dead board fails
// alone, with its own error, and does not hold up the others.
import { describe, expect, it } from 'vitest';
import { findBoardTarget, findFleetTargets } from '../../../../src/main/push/fleet/index.js';
import { deviceInfo, engineInfo, recordedProbes } from './recorded-answers.js';

const board = (address: string, deviceType?: string) => ({
  name: `board-${address}`,
  address,
  ...(deviceType === undefined ? {} : { deviceType }),
});

describe('one board', () => {
  it("takes the supervisor's arch and device type when it answers", async () => {
    const probes = recordedProbes({
      a: { deviceInfo: deviceInfo.jetson, engineInfo: engineInfo.pi4 },
    });
    await expect(findBoardTarget(board('a'), { probes })).resolves.toEqual({
      target: { arch: 'aarch64', deviceType: 'jetson-nano' },
      source: 'supervisor',
    });
  });

  it.each([
    ['aarch64', engineInfo.pi4, { arch: 'aarch64', deviceType: 'generic-aarch64' }],
    ['armv7l', engineInfo.pi3, { arch: 'armv7hf', deviceType: 'generic-armv7ahf' }],
    ['armv6l', engineInfo.piZero, { arch: 'rpi', deviceType: 'raspberry-pi' }],
    ['x86_64', engineInfo.nuc, { arch: 'amd64', deviceType: 'generic-amd64' }],
    ['arm64', engineInfo.mac, { arch: 'aarch64', deviceType: 'generic-aarch64' }],
  ])('maps an engine reporting %s to its arch and generic type', async (_machine, info, target) => {
    const probes = recordedProbes({ a: { engineInfo: info } });
    await expect(findBoardTarget(board('a'), { probes })).resolves.toEqual({
      target,
      source: 'engine',
    });
  });

  it("uses the device type the user set for the board, over the arch's generic one", async () => {
    const probes = recordedProbes({ a: { engineInfo: engineInfo.pi3 } });
    const found = await findBoardTarget(board('a', 'raspberrypi3'), { probes });
    expect(found.target).toEqual({ arch: 'armv7hf', deviceType: 'raspberrypi3' });
  });

  it("takes the engine's answer when the supervisor stays silent past the deadline", async () => {
    const probes = recordedProbes({ a: { silent: 'supervisor', engineInfo: engineInfo.pi4 } });
    await expect(findBoardTarget(board('a'), { probes, timeoutMs: 50 })).resolves.toEqual({
      target: { arch: 'aarch64', deviceType: 'generic-aarch64' },
      source: 'engine',
    });
  });

  it('refuses an engine whose machine balena has no arch for', async () => {
    const probes = recordedProbes({ a: { engineInfo: engineInfo.mips } });
    await expect(findBoardTarget(board('a'), { probes })).rejects.toThrow(/mips64.*no balena arch/);
  });

  it('says which board did not answer within the timeout', async () => {
    const probes = recordedProbes({ a: { silent: true } });
    await expect(findBoardTarget(board('a'), { probes, timeoutMs: 50 })).rejects.toThrow(
      /board-a \(a\) did not answer within 0.05 s/,
    );
  });
});

describe('every board at once', () => {
  it('gives a result per board in order; a silent and a refusing board fail alone', async () => {
    const probes = recordedProbes({
      pi4: { deviceInfo: deviceInfo.pi4 },
      dead: { silent: true },
      zero: { engineInfo: engineInfo.piZero },
    });
    const boards = [board('pi4'), board('dead'), board('zero'), board('closed')];
    const results = await findFleetTargets(boards, { probes, timeoutMs: 50 });
    expect(results.map((result) => [result.board.address, result.ok])).toEqual([
      ['pi4', true],
      ['dead', false],
      ['zero', true],
      ['closed', false],
    ]);
    const [pi4, dead, zero, closed] = results;
    expect(pi4?.ok && pi4.target).toEqual({ arch: 'aarch64', deviceType: 'raspberrypi4-64' });
    expect(zero?.ok && zero.target).toEqual({ arch: 'rpi', deviceType: 'raspberry-pi' });
    expect(dead?.ok === false && dead.error.code).toBe('TIMEOUT');
    expect(closed?.ok === false && closed.error.message).toMatch(/closed refused .* port 2375/);
  });
});
