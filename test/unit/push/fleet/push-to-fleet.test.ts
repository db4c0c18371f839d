// SPDX-License-Identifier: Apache-2.0
// The fleet runner with its steps given: it builds once per kind of board, copies to the rest,
// deploys everywhere, and keeps each board's outcome apart (a failure stops only its own boards).
import { describe, expect, it } from 'vitest';
import { BenchtopError } from '../../../../src/shared/errors.js';
import {
  findFleetTargets,
  pushToFleet,
  type FleetBoard,
  type FleetImage,
  type PushToFleetOptions,
  type ReceiverResult,
} from '../../../../src/main/push/fleet/index.js';
import type { BuildTarget } from '../../../../src/main/push/composition.js';
import { deviceInfo, engineInfo, recordedProbes } from './recorded-answers.js';

const probes = recordedProbes({
  pi4a: { deviceInfo: deviceInfo.pi4 },
  pi4b: { deviceInfo: deviceInfo.pi4 },
  pi3: { engineInfo: engineInfo.pi3 },
  pi4c: { deviceInfo: deviceInfo.pi4 },
  dead: { silent: true },
});
const boards: FleetBoard[] = ['pi4a', 'dead', 'pi4b', 'pi3', 'pi4c'].map((address) => ({
  name: address,
  address,
}));

interface Run {
  builds: string[];
  copies: string[];
  deploys: string[];
  options: PushToFleetOptions;
}

/** A run whose steps record what they were asked, failing where `fail` says. */
function run(fail: { build?: string; copy?: string; deploy?: string } = {}): Run {
  const record: Run = { builds: [], copies: [], deploys: [], options: undefined as never };
  const imageFor = (target: BuildTarget): FleetImage => ({
    tag: 'local_image_app:latest',
    imageId: `sha256:${target.deviceType}`,
  });
  record.options = {
    boards,
    findTargets: (named) => findFleetTargets(named, { probes, timeoutMs: 50 }),
    build: (board, target) => {
      record.builds.push(`${board.name}:${target.arch}/${target.deviceType}`);
      if (board.name === fail.build) {
        return Promise.reject(new BenchtopError('DOCKER_FAILED', 'RUN make failed'));
      }
      return Promise.resolve([imageFor(target)]);
    },
    transfer: (source, names, receivers): Promise<ReceiverResult[]> => {
      record.copies.push(`${source.name}>${receivers.map((board) => board.name).join(',')}`);
      return Promise.resolve(
        receivers.map((board) =>
          board.name === fail.copy
            ? { board, ok: false, bytes: 512, error: new BenchtopError('UNREACHABLE', 'cut') }
            : { board, ok: true, bytes: 1024 * names.length },
        ),
      );
    },
    deploy: (board, images) => {
      record.deploys.push(`${board.name}:${images.map((image) => image.imageId).join(',')}`);
      if (board.name === fail.deploy) {
        return Promise.reject(new BenchtopError('BUSY', 'port 80 is taken'));
      }
      return Promise.resolve();
    },
  };
  return record;
}

const outcomes = (results: Awaited<ReturnType<typeof pushToFleet>>) =>
  results.map((result) => [
    result.board.name,
    result.status,
    result.builtOn?.name,
    result.bytesTransferred,
  ]);

describe('pushToFleet', () => {
  it('builds once per kind, copies to the rest, deploys everywhere; the dead board fails alone', async () => {
    const record = run();
    const results = await pushToFleet(record.options);
    expect(record.builds.sort()).toEqual([
      'pi3:armv7hf/generic-armv7ahf',
      'pi4a:aarch64/raspberrypi4-64',
    ]);
    expect(record.copies).toEqual(['pi4a>pi4b,pi4c']);
    expect(record.deploys.sort()).toEqual([
      'pi3:sha256:generic-armv7ahf',
      'pi4a:sha256:raspberrypi4-64',
      'pi4b:sha256:raspberrypi4-64',
      'pi4c:sha256:raspberrypi4-64',
    ]);
    expect(outcomes(results)).toEqual([
      ['pi4a', 'succeeded', 'pi4a', 0],
      ['dead', 'failed', undefined, 0],
      ['pi4b', 'succeeded', 'pi4a', 1024],
      ['pi3', 'succeeded', 'pi3', 0],
      ['pi4c', 'succeeded', 'pi4a', 1024],
    ]);
    expect(results[1]?.error?.code).toBe('TIMEOUT');
  });

  it('fails every board of a kind whose build failed, naming the builder; other kinds go on', async () => {
    const record = run({ build: 'pi4a' });
    const results = await pushToFleet(record.options);
    expect(record.copies).toEqual([]);
    expect(record.deploys).toEqual(['pi3:sha256:generic-armv7ahf']);
    expect(outcomes(results).map(([name, status]) => [name, status])).toEqual([
      ['pi4a', 'failed'],
      ['dead', 'failed'],
      ['pi4b', 'failed'],
      ['pi3', 'succeeded'],
      ['pi4c', 'failed'],
    ]);
    expect(results[0]?.error?.message).toBe('RUN make failed');
    expect(results[2]?.error?.message).toBe(
      'Not pushed: the build for raspberrypi4-64 (aarch64) on pi4a failed: RUN make failed',
    );
  });

  it('fails only the receiver whose copy broke, keeping the bytes it got, and skips its deploy', async () => {
    const record = run({ copy: 'pi4b' });
    const results = await pushToFleet(record.options);
    expect(record.deploys.map((entry) => entry.split(':')[0]).sort()).toEqual([
      'pi3',
      'pi4a',
      'pi4c',
    ]);
    expect(outcomes(results)[2]).toEqual(['pi4b', 'failed', 'pi4a', 512]);
    expect(results[2]?.error?.message).toBe('cut');
    expect(results[4]?.status).toBe('succeeded');
  });

  it('fails only the board whose deploy failed, with its own error', async () => {
    const results = await pushToFleet(run({ deploy: 'pi4c' }).options);
    expect(results.map((result) => result.status)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
      'succeeded',
      'failed',
    ]);
    expect(results[4]?.error?.toInfo()).toEqual({ code: 'BUSY', message: 'port 80 is taken' });
  });

  it('reports each step as it happens, ending with one result per board', async () => {
    const record = run();
    const steps: string[] = [];
    await pushToFleet({
      ...record.options,
      onProgress: (event) =>
        steps.push(
          `${event.step}:${'result' in event ? event.result.board.name : event.board.name}`,
        ),
    });
    expect(steps.filter((step) => step.startsWith('done:')).sort()).toEqual(
      boards.map((board) => `done:${board.name}`).sort(),
    );
    expect(steps.indexOf('build:pi4a')).toBeLessThan(steps.indexOf('deploy:pi4b'));
    expect(steps).toContain('target:pi3');
  });
});
