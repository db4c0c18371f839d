// SPDX-License-Identifier: Apache-2.0
// Each update strategy's order, as the board's engine itself reports it on its events API.
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/main/push/build/build-all.js';
import type { Composition } from '../../src/main/push/composition.js';
import { deploy, type DeployResult } from '../../src/main/push/deploy/deploy.js';
import { type RigBoard, rigDown, rigUpOneBoard } from '../rig/index.js';
import { engineEvents, engineOf, indexOf, type EngineEvent } from '../support/engine.js';
import { composition, contextOf, service } from '../support/push-project.js';

let board: RigBoard;
let docker: Docker;

beforeAll(async () => {
  board = await rigUpOneBoard();
  docker = engineOf(board.address);
});

afterAll(async () => {
  await rigDown();
});

/** One service `app` whose image changes with `release`; `command` is what it runs. */
function release(project: string, labels: Record<string, string>, text: string, command?: string) {
  return composition(project, [
    service('app', {
      dockerfile: `FROM bench/busybox\nRUN echo ${text} > /release\nCMD ["sleep", "3600"]\n`,
      labels,
      ...(command === undefined ? {} : { command: ['sh', '-c', command] }),
    }),
  ]);
}

async function push(project: Composition, steps: string[] = []): Promise<DeployResult> {
  const built = await buildAll(docker, project, contextOf);
  return deploy(docker, project, {
    board: `${board.address}:2375`,
    builtImages: new Map([...built].map(([name, image]) => [name, image.imageId])),
    onStep: (text) => steps.push(text),
  });
}

/** Pushes v1 then v2 of a project; the events of the second push, and its step lines. */
async function update(
  project: string,
  labels: Record<string, string>,
  v2Command?: string,
): Promise<{
  events: EngineEvent[];
  oldName: string;
  newName: string;
  oldImage: string;
  steps: string[];
}> {
  const v1 = await push(release(project, labels, 'one'));
  const oldId = v1.containers.get('app') ?? '';
  const old = await docker.getContainer(oldId).inspect();
  const since = Date.now();
  const steps: string[] = [];
  const v2 = await push(release(project, labels, 'two', v2Command), steps);
  const events = await engineEvents(docker, since, { label: [`io.benchtop.project=${project}`] });
  const images = await engineEvents(docker, since, { type: ['image'] });
  const fresh = await docker.getContainer(v2.containers.get('app') ?? '').inspect();
  return {
    events: [...events, ...images].sort((a, b) => a.timeNano - b.timeNano),
    oldName: old.Name.replace(/^\//, ''),
    newName: fresh.Name.replace(/^\//, ''),
    oldImage: old.Image,
    steps,
  };
}

const strategy = (name: string): Record<string, string> => ({ 'io.balena.update.strategy': name });

describe('update strategies on the engine', () => {
  it('download-then-kill (the default): new created, old killed, new started, old destroyed', async () => {
    const { events, oldName, newName } = await update('dtk', {});
    const order = [
      indexOf(events, 'create', newName),
      indexOf(events, 'kill', oldName),
      indexOf(events, 'die', oldName),
      indexOf(events, 'start', newName),
      indexOf(events, 'destroy', oldName),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('an unknown strategy behaves as download-then-kill', async () => {
    const { events, oldName, newName } = await update('unknown', strategy('fastest-please'));
    expect(indexOf(events, 'create', newName)).toBeLessThan(indexOf(events, 'kill', oldName));
  });

  it('kill-then-download: old killed before the new one is created', async () => {
    const { events, oldName, newName } = await update('ktd', strategy('kill-then-download'));
    const order = [
      indexOf(events, 'kill', oldName),
      indexOf(events, 'die', oldName),
      indexOf(events, 'create', newName),
      indexOf(events, 'start', newName),
      indexOf(events, 'destroy', oldName),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('delete-then-download: old container and its image gone before the new one is created', async () => {
    const { events, oldName, newName, oldImage } = await update(
      'dtd',
      strategy('delete-then-download'),
    );
    const imageGone = events.findIndex(
      (e) => e.type === 'image' && e.action === 'delete' && e.id === oldImage,
    );
    const order = [
      indexOf(events, 'kill', oldName),
      indexOf(events, 'destroy', oldName),
      imageGone,
      indexOf(events, 'create', newName),
      indexOf(events, 'start', newName),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await expect(docker.getImage(oldImage).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('hand-over: new started beside the old, old killed once the new one writes handover-complete', async () => {
    const labels = { ...strategy('hand-over'), 'io.balena.update.handover-timeout': '30000' };
    const { events, oldName, newName, steps } = await update(
      'ho',
      labels,
      'sleep 1; touch /tmp/balena/handover-complete; exec sleep 3600',
    );
    const order = [
      indexOf(events, 'create', newName),
      indexOf(events, 'start', newName),
      indexOf(events, 'kill', oldName),
      indexOf(events, 'destroy', oldName),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps).toContain('app: the new container signalled handover-complete');
  });

  it('hand-over: the old one is stopped after the timeout when the new one never signals', async () => {
    const labels = { ...strategy('hand-over'), 'io.balena.update.handover-timeout': '1500' };
    const { events, oldName, newName, steps } = await update('hotimeout', labels);
    expect(indexOf(events, 'start', newName)).toBeLessThan(indexOf(events, 'kill', oldName));
    expect(steps).toContain(
      'app: no handover-complete after 1500 ms; stopping the old container anyway',
    );
  });
});
