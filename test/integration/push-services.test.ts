// SPDX-License-Identifier: Apache-2.0
// The services of a pushed project on a rig board's real dockerd: what runs, and
// restart/stop/start per service. Root and the rig's tools; run under the rig lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { createDockerClient } from '../../src/main/docker/index.js';
import { controlService, listServices } from '../../src/main/push/services/index.js';
import { rigDown, rigUpOneBoard, type RigBoard } from '../rig/index.js';
import { counterScript, removeProjects, runLabelled } from '../fixtures/push-containers.js';

let board: RigBoard;
let docker: Docker;
const projects = ['svcdemo', 'svcother'];
const ids: Record<string, string> = {};

beforeAll(async () => {
  board = await rigUpOneBoard();
  docker = await createDockerClient(board.address);
  ids['web'] = await runLabelled(docker, {
    project: 'svcdemo',
    service: 'web',
    script: counterScript('web'),
    healthcheck: true,
  });
  ids['worker'] = await runLabelled(docker, {
    project: 'svcdemo',
    service: 'worker',
    script: counterScript('work'),
    tty: true,
  });
  ids['solo'] = await runLabelled(docker, {
    project: 'svcother',
    service: 'solo',
    script: counterScript('solo'),
  });
  // Not ours: an unlabelled container is never listed.
  await docker.createContainer({ name: 'svc_stranger', Image: 'bench/busybox', Cmd: ['true'] });
}, 150_000);

afterAll(async () => {
  await removeProjects(docker, projects);
  await docker.getContainer('svc_stranger').remove({ force: true });
  await rigDown();
}, 150_000);

const target = () => ({ board: board.hostname, address: board.address });
const status = async (service: string) =>
  (await listServices(docker, 'svcdemo')).find((s) => s.service === service);

describe('the services of a project on a board', () => {
  it('lists each service with its container, state, image, start time, restarts and health', async () => {
    const services = await listServices(docker, 'svcdemo');
    expect(services.map((s) => s.service).sort()).toEqual(['web', 'worker']);
    const web = services.find((s) => s.service === 'web');
    expect(web).toMatchObject({
      project: 'svcdemo',
      containerId: ids['web'],
      state: 'running',
      image: 'bench/busybox',
      restartCount: 0,
      exitCode: null,
    });
    expect(Date.parse(web?.startedAt ?? '')).toBeGreaterThan(Date.now() - 600_000);
    await expect.poll(async () => (await status('web'))?.health).toBe('healthy');
    expect((await status('worker'))?.health).toBeNull();
  });

  it('lists every Benchtop project when none is named, and nothing else', async () => {
    const all = await listServices(docker);
    expect(all.map((s) => `${s.project}/${s.service}`).sort()).toEqual([
      'svcdemo/web',
      'svcdemo/worker',
      'svcother/solo',
    ]);
  });

  it('stops, starts and restarts one service, leaving the others running', async () => {
    const stopped = await controlService(
      docker,
      { project: 'svcdemo', service: 'worker', action: 'stop', stopTimeoutSeconds: 2 },
      target(),
    );
    expect(stopped.state).toBe('exited');
    expect(stopped.exitCode).not.toBeNull();
    expect((await status('web'))?.state).toBe('running');

    // Stopping again is no error: it is already where it was asked to be.
    const again = await controlService(docker, {
      project: 'svcdemo',
      service: 'worker',
      action: 'stop',
    });
    expect(again.state).toBe('exited');

    const started = await controlService(docker, {
      project: 'svcdemo',
      service: 'worker',
      action: 'start',
    });
    expect(started.state).toBe('running');

    const restarted = await controlService(docker, {
      project: 'svcdemo',
      service: 'worker',
      action: 'restart',
      stopTimeoutSeconds: 2,
    });
    expect(restarted.state).toBe('running');
    expect(restarted.containerId).toBe(ids['worker']);
    expect(Date.parse(restarted.startedAt ?? '')).toBeGreaterThan(
      Date.parse(started.startedAt ?? ''),
    );
  });

  it('refuses a service the project does not have, naming the ones it has', async () => {
    const request = controlService(
      docker,
      { project: 'svcdemo', service: 'wbe', action: 'restart' },
      target(),
    );
    await expect(request).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Project "svcdemo" on ${board.hostname} has no service "wbe"; it has: web, worker.`,
    });
  });

  it('refuses a project that is not on the board', async () => {
    const request = controlService(
      docker,
      { project: 'nope', service: 'web', action: 'start' },
      target(),
    );
    await expect(request).rejects.toThrow(
      `${board.hostname} runs nothing of project "nope": push it first`,
    );
    await expect(request).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives UNREACHABLE when the engine does not answer', async () => {
    const nobody = await createDockerClient(board.hostAddress);
    await expect(listServices(nobody, 'svcdemo')).rejects.toMatchObject({ code: 'UNREACHABLE' });
  });
});
