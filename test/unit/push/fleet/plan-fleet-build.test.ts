// SPDX-License-Identifier: Apache-2.0
// One build per kind of board (arch and device type), on one board of each kind, from targets
// found in recorded answers; and the template values each arm group's build gets, through the
// project loader, without running arm code.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findFleetTargets,
  planFleetBuild,
  type FleetBoard,
  type TargetedBoard,
} from '../../../../src/main/push/fleet/index.js';
import { loadProject } from '../../../../src/main/push/project/index.js';
import { fixtures } from '../project-temp.js';
import { deviceInfo, engineInfo, recordedProbes, type RecordedBoard } from './recorded-answers.js';

const bench: Record<string, RecordedBoard> = {
  pi4a: { deviceInfo: deviceInfo.pi4 },
  pi3: { engineInfo: engineInfo.pi3 },
  pi4b: { deviceInfo: deviceInfo.pi4, engineInfo: engineInfo.pi4 },
  zero: { engineInfo: engineInfo.piZero },
  jetson: { deviceInfo: deviceInfo.jetson },
  plainArm64: { engineInfo: engineInfo.pi4 },
  nuc: { engineInfo: engineInfo.nuc },
  pi4c: { deviceInfo: deviceInfo.pi4 },
};

const boardsNamed = (...addresses: string[]): FleetBoard[] =>
  addresses.map((address) => ({ name: address, address }));

async function targeted(...addresses: string[]): Promise<TargetedBoard[]> {
  const found = await findFleetTargets(boardsNamed(...addresses), {
    probes: recordedProbes(bench),
  });
  return found.flatMap((result) => (result.ok ? [result] : []));
}

const names = (boards: readonly FleetBoard[]) => boards.map((board) => board.name);

describe('planFleetBuild', () => {
  it('builds once per (arch, device type), on the first named board of each kind', async () => {
    const groups = planFleetBuild(await targeted(...Object.keys(bench)));
    expect(
      groups.map((group) => ({
        target: group.target,
        builder: group.builder.name,
        receivers: names(group.receivers),
      })),
    ).toEqual([
      {
        target: { arch: 'aarch64', deviceType: 'raspberrypi4-64' },
        builder: 'pi4a',
        receivers: ['pi4b', 'pi4c'],
      },
      {
        target: { arch: 'armv7hf', deviceType: 'generic-armv7ahf' },
        builder: 'pi3',
        receivers: [],
      },
      { target: { arch: 'rpi', deviceType: 'raspberry-pi' }, builder: 'zero', receivers: [] },
      { target: { arch: 'aarch64', deviceType: 'jetson-nano' }, builder: 'jetson', receivers: [] },
      {
        target: { arch: 'aarch64', deviceType: 'generic-aarch64' },
        builder: 'plainArm64',
        receivers: [],
      },
      { target: { arch: 'amd64', deviceType: 'generic-amd64' }, builder: 'nuc', receivers: [] },
    ]);
  });

  it('keeps one arch with two device types apart: a Pi 4 image is not a Jetson image', async () => {
    const groups = planFleetBuild(await targeted('jetson', 'pi4a', 'pi4b'));
    expect(groups.map((group) => [group.builder.name, names(group.receivers)])).toEqual([
      ['jetson', []],
      ['pi4a', ['pi4b']],
    ]);
  });

  it('builds on a board that already holds the images, the first named receiving them', async () => {
    const found = await targeted('pi4a', 'pi4b', 'pi4c');
    const groups = planFleetBuild(
      found.map((entry) => ({ ...entry, holdsImages: entry.board.name === 'pi4c' })),
    );
    expect(groups.map((group) => [group.builder.name, names(group.receivers)])).toEqual([
      ['pi4c', ['pi4a', 'pi4b']],
    ]);
  });

  it('gives no groups for no boards', () => {
    expect(planFleetBuild([])).toEqual([]);
  });
});

describe('template values of each arm group, through the project loader', () => {
  it.each([
    ['pi4a', 'Hello from raspberrypi4-64 (aarch64)'],
    ['pi3', 'Hello from generic-armv7ahf (armv7hf)'],
    ['zero', 'Hello from raspberry-pi (rpi)'],
    ['jetson', 'Hello from jetson-nano (aarch64)'],
  ])('the group built on %s expands "%s"', async (builder, greeting) => {
    const group = planFleetBuild(await targeted(builder))[0];
    expect(group?.builder.name).toBe(builder);
    const loaded = await loadProject(path.join(fixtures, 'cern'), {
      target: group?.target ?? { arch: 'none', deviceType: 'none' },
    });
    const hello = loaded.composition.services.find((service) => service.name === 'hello');
    expect(hello?.build?.dockerfileText).toContain(`RUN echo "${greeting}" > /greeting`);
    expect(loaded.composition.target).toEqual(group?.target);
  });

  it('fills %%BALENA_ARCH%% and %%BALENA_MACHINE_NAME%% for an armv6l board with a user-set type', async () => {
    const found = await findFleetTargets(
      [{ name: 'zero', address: 'zero', deviceType: 'raspberry-pi2' }],
      {
        probes: recordedProbes(bench),
      },
    );
    const group = planFleetBuild(found.flatMap((result) => (result.ok ? [result] : [])))[0];
    const root = path.join(fixtures, 'cern');
    const loaded = await loadProject(root, {
      target: group?.target ?? { arch: 'none', deviceType: 'none' },
    });
    const texts = loaded.composition.services.map((service) => service.build?.dockerfileText ?? '');
    const instructions = texts
      .join('\n')
      .split('\n')
      .filter((line) => !line.startsWith('#'));
    // Comment lines keep their %%X%% as written, as balena does; every instruction is filled.
    expect(instructions.filter((line) => /%%[A-Z_]+%%/.test(line))).toEqual([]);
    expect(instructions).toContain('ENV MACHINE_NAME=raspberry-pi2');
    expect(texts.find((text) => text.includes('Hello from'))).toContain(
      'Hello from raspberry-pi2 (rpi)',
    );
  });
});
