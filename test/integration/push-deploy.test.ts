// SPDX-License-Identifier: Apache-2.0
// Build and run a composition on a rig board's real dockerd: services reach each other by name,
// a re-push changes only what changed, a failing build or start leaves the previous release
// running with nothing orphaned, and what cannot work is refused before anything is touched.
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/main/push/build/build-all.js';
import type { Composition } from '../../src/main/push/composition.js';
import { deploy, type DeployResult } from '../../src/main/push/deploy/deploy.js';
import { type RigBoard, rigDown, rigUpOneBoard } from '../rig/index.js';
import { engineEvents, engineOf, execOutput } from '../support/engine.js';
import {
  composition,
  contextOf,
  contextTar,
  httpdDockerfile,
  service,
} from '../support/push-project.js';

let board: RigBoard;
let docker: Docker;
const PROJECT = 'demo';

beforeAll(async () => {
  board = await rigUpOneBoard();
  docker = engineOf(board.address);
});

afterAll(async () => {
  await rigDown();
});

const engineAddress = (): string => `${board.address}:2375`;

/** api and db serve a page each; front serves its own on port 8080 of the board. */
function demo(apiText = 'api-v1', apiCommand?: string[]): Composition {
  // Without an init the engine runs the command itself, so a missing program fails the start.
  return composition(PROJECT, [
    service('db', { dockerfile: httpdDockerfile('db-v1') }),
    service('api', {
      dockerfile: httpdDockerfile(apiText),
      dependsOn: ['db'],
      ...(apiCommand === undefined ? {} : { command: apiCommand, init: false }),
    }),
    service('front', {
      dockerfile: httpdDockerfile('front-v1'),
      dependsOn: ['api'],
      ports: [{ published: 8080, target: 80, protocol: 'tcp' }],
    }),
  ]);
}

async function push(project: Composition, lines: string[] = []): Promise<DeployResult> {
  const built = await buildAll(docker, project, contextOf, {
    onLine: (name, line) => lines.push(`${name}: ${line}`),
  });
  return deploy(docker, project, {
    board: engineAddress(),
    builtImages: new Map([...built].map(([name, image]) => [name, image.imageId])),
  });
}

async function projectContainers(project = PROJECT): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({
    all: true,
    filters: JSON.stringify({ label: [`io.benchtop.project=${project}`] }),
  });
}

const idOf = (result: DeployResult, name: string): string => result.containers.get(name) ?? '';

describe('push to a plain engine', () => {
  let first: DeployResult;

  it('builds every service, prefixing each line, and runs them on one network by name', async () => {
    const lines: string[] = [];
    first = await push(demo(), lines);
    expect(lines).toContain('api: Step 2/3 : RUN mkdir -p /www && echo api-v1 > /www/index.html');
    expect(lines.some((line) => line.startsWith('db: Successfully built'))).toBe(true);
    expect([...first.replaced].sort()).toEqual(['api', 'db', 'front']);
    const front = idOf(first, 'front');
    expect(await execOutput(docker, front, ['wget', '-qO-', 'http://api/'])).toContain('api-v1');
    expect(await execOutput(docker, front, ['wget', '-qO-', 'http://db/'])).toContain('db-v1');
    const page = await fetch(`http://${board.address}:8080/`);
    expect(await page.text()).toBe('front-v1\n');
    const running = await projectContainers();
    expect(running.map((c) => c.State)).toEqual(['running', 'running', 'running']);
    const inspect = await docker.getContainer(front).inspect();
    expect(inspect.HostConfig.Init).toBe(true);
    expect(inspect.Config.Labels['io.benchtop.service']).toBe('front');
  });

  it('recreates nothing when nothing changed', async () => {
    const since = Date.now();
    const again = await push(demo());
    expect(again.replaced).toEqual([]);
    expect([...again.unchanged].sort()).toEqual(['api', 'db', 'front']);
    expect(idOf(again, 'api')).toBe(idOf(first, 'api'));
    const events = await engineEvents(docker, since, {
      type: ['container'],
      label: [`io.benchtop.project=${PROJECT}`],
    });
    expect(events.map((e) => e.action)).not.toContain('create');
    expect(events.map((e) => e.action)).not.toContain('kill');
  });

  it('replaces only the service that changed', async () => {
    const changed = await push(demo('api-v2'));
    expect(changed.replaced).toEqual(['api']);
    expect(idOf(changed, 'db')).toBe(idOf(first, 'db'));
    expect(idOf(changed, 'front')).toBe(idOf(first, 'front'));
    expect(idOf(changed, 'api')).not.toBe(idOf(first, 'api'));
    const front = idOf(changed, 'front');
    expect(await execOutput(docker, front, ['wget', '-qO-', 'http://api/'])).toContain('api-v2');
    expect(await projectContainers()).toHaveLength(3);
    first = changed;
  });

  it('keeps the previous release running when a RUN step fails, naming service and step', async () => {
    const broken = composition(PROJECT, [
      ...demo('api-v2').services.filter((s) => s.name !== 'api'),
      service('api', {
        dockerfile: 'FROM bench/busybox\nRUN echo checking the sensors && exit 3\n',
      }),
    ]);
    const before = await docker.listContainers({ all: true });
    await expect(push(broken)).rejects.toThrow(
      /Building service api failed at "Step 2\/2 : RUN echo checking the sensors && exit 3": The command .* returned a non-zero code: 3/,
    );
    const after = await docker.listContainers({ all: true });
    expect(after.map((c) => c.Id).sort()).toEqual(before.map((c) => c.Id).sort());
    expect(after.every((c) => c.State === 'running')).toBe(true);
  });

  it('says which Dockerfile is missing when the engine cannot find it', async () => {
    const project = composition('nodockerfile', [
      service('x', { dockerfile: 'FROM bench/busybox\n' }),
    ]);
    await expect(
      buildAll(docker, project, () => contextTar({ 'README.md': 'no Dockerfile here' })),
    ).rejects.toThrow(
      /Building service x failed: the engine found no Dockerfile in the build context/,
    );
  });

  it('restarts the old container and removes the new one when the new one cannot start', async () => {
    const before = await projectContainers();
    await expect(push(demo('api-v3', ['/bin/no-such-program']))).rejects.toThrow(
      /api: start-new.*The previous release was put back: the new containers were removed; restarted demo_api_/,
    );
    const after = await projectContainers();
    expect(after.map((c) => c.Id).sort()).toEqual(before.map((c) => c.Id).sort());
    expect(after.every((c) => c.State === 'running')).toBe(true);
    const front = idOf(first, 'front');
    expect(await execOutput(docker, front, ['wget', '-qO-', 'http://api/'])).toContain('api-v2');
  });

  it('refuses a second push to the same board while one runs', async () => {
    const project = demo('api-v2');
    const built = await buildAll(docker, project, contextOf);
    const options = {
      board: engineAddress(),
      builtImages: new Map([...built].map(([name, image]) => [name, image.imageId])),
    };
    const running = deploy(docker, project, options);
    await expect(deploy(docker, project, options)).rejects.toThrow(
      /Another push to 10\.231\.\d+\.2:2375 is still running/,
    );
    expect((await running).replaced).toEqual([]);
  });
});

describe('refusals before anything is touched', () => {
  const refuse = async (project: Composition, expected: RegExp): Promise<void> => {
    const before = await docker.listContainers({ all: true });
    await expect(push(project)).rejects.toThrow(expected);
    const after = await docker.listContainers({ all: true });
    expect(after.map((c) => c.Id).sort()).toEqual(before.map((c) => c.Id).sort());
  };

  it('refuses a port another project holds on the board', async () => {
    await refuse(
      composition('other', [
        service('web', {
          dockerfile: httpdDockerfile('other'),
          ports: [{ published: 8080, target: 80, protocol: 'tcp' }],
        }),
      ]),
      /Port 8080\/tcp that service web publishes is already taken on the board by container demo_front_/,
    );
  });

  it('refuses an image the board does not have', async () => {
    await refuse(
      composition('other', [service('cache', { image: 'bench/redis:7' })]),
      /Service cache runs image bench\/redis:7, which the board does not have/,
    );
  });

  it('refuses hand-over on a service publishing a host port', async () => {
    await refuse(
      composition('other', [
        service('web', {
          dockerfile: httpdDockerfile('other'),
          labels: { 'io.balena.update.strategy': 'hand-over' },
          ports: [{ published: 8081, target: 80, protocol: 'tcp' }],
        }),
      ]),
      /Service web uses the hand-over update strategy and publishes host port 8081/,
    );
  });

  it('refuses a board whose engine runs a balena supervisor', async () => {
    const supervisor = await docker.createContainer({
      name: 'balena_supervisor',
      Image: 'bench/busybox',
      Cmd: ['sleep', '3600'],
      HostConfig: { Init: true },
    });
    await supervisor.start();
    const refused = push(demo());
    await expect(refused).rejects.toMatchObject({ code: 'UNREACHABLE' });
    await expect(refused).rejects.toThrow(/runs a balena supervisor \(balena_supervisor\)/);
    await supervisor.remove({ force: true });
  });
});
