// SPDX-License-Identifier: Apache-2.0
// A release through a board's supervisor in local mode, against a FAKE balena-supervisor
// (test/support/fake-supervisor.ts): the real one cannot run here.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Composition } from '../../../src/main/push/composition.js';
import { loadProject } from '../../../src/main/push/project/index.js';
import { deployViaSupervisor } from '../../../src/main/push/supervisor/index.js';
import { FakeSupervisor } from '../../support/fake-supervisor.js';
import { amd64, fixtures, projectWith, removeProjects } from './project-temp.js';

let fake: FakeSupervisor;
let composition: Composition;
let lines: string[];

beforeEach(async () => {
  fake = await FakeSupervisor.start();
  lines = [];
  const root = await projectWith({
    'docker-compose.yml': `
services:
  web:
    build: .
    develop: { watch: [{ action: rebuild, path: . }] }
    x-note: local
    ports: ['80:80']
  data:
    build: .
`,
    Dockerfile: 'FROM bench/busybox\n',
  });
  ({ composition } = await loadProject(root, { target: amd64, env: {} }));
});
afterEach(async () => {
  await fake.stop();
  await removeProjects();
});

const deploy = (extra: { applyTimeoutMs?: number; signal?: AbortSignal } = {}) =>
  deployViaSupervisor({
    address: fake.address,
    composition,
    onLine: (line) => lines.push(line),
    pollMs: 10,
    ...extra,
  });

describe('deploy through a supervisor in local mode (fake balena-supervisor)', () => {
  it('reads the target state first, then posts ours keeping the device name and config', async () => {
    await deploy();
    expect(fake.requests.slice(0, 3)).toEqual([
      'GET /v2/local/target-state',
      'GET /v2/local/logs',
      'POST /v2/local/target-state',
    ]);
    expect(fake.posted).toHaveLength(1);
    const posted = fake.posted[0] as {
      local: { name: string; config: unknown; apps: Record<string, Record<string, unknown>> };
    };
    expect(posted.local.name).toBe('bench-board');
    expect(posted.local.config).toEqual({ HOST_CONFIG_gpu_mem: '16', SUPERVISOR_LOCAL_MODE: '1' });
    expect(Object.keys(posted.local.apps)).toEqual(['1']);
    expect(posted.local.apps['1']).toMatchObject({ name: 'localapp', commit: '10ca12e1ea5e' });
    expect(posted.local.apps['1']?.services).toEqual({
      '1': {
        serviceName: 'web',
        serviceId: 1,
        imageId: 1,
        running: true,
        image: 'local_image_web:latest',
        ports: ['80:80/tcp'],
        environment: {},
        labels: {},
      },
      '2': {
        serviceName: 'data',
        serviceId: 2,
        imageId: 2,
        running: true,
        image: 'local_image_data:latest',
        environment: {},
        labels: {},
      },
    });
    expect(JSON.stringify(posted)).not.toMatch(/develop|x-note|"build"/);
  });

  it('polls the status until the release is applied, showing each service’s progress', async () => {
    fake.mode = 'slow-apply';
    fake.slowPolls = 3;
    const result = await deploy();
    expect(result.services).toEqual([
      { name: 'web', status: 'Running' },
      { name: 'data', status: 'Running' },
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'The supervisor is applying the release.',
        'web: Installing',
        'data: Installing',
        'web: Running',
        'data: Running',
      ]),
    );
    expect(lines.indexOf('web: Installing')).toBeLessThan(lines.indexOf('web: Running'));
    expect(fake.requests.filter((r) => r === 'GET /v2/state/status').length).toBeGreaterThan(3);
  });

  it('fails naming the service when the supervisor logs that it could not start it', async () => {
    fake.mode = 'apply-fails';
    fake.failingService = 'data';
    await expect(deploy()).rejects.toMatchObject({
      code: 'DOCKER_FAILED',
      message: expect.stringMatching(
        /could not run service data: Failed to start service 'data local_image_data:latest' due to '.*port is already allocated'\. Its container: Installed\./,
      ) as unknown,
    });
    expect(lines).toContain(
      "data: Failed to start service 'data local_image_data:latest' due to '(HTTP code 500) server error - port is already allocated'",
    );
  });

  it('stops waiting after the bounded time, naming the services not yet running', async () => {
    fake.mode = 'slow-apply';
    fake.slowPolls = 1_000_000;
    await expect(deploy({ applyTimeoutMs: 100 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining(
        'had not run the release after 0.1 s: web Installing, data Installing',
      ) as unknown,
    });
  });

  it('refuses a cloud-managed board before posting anything', async () => {
    fake.mode = 'cloud-managed';
    await expect(deploy()).rejects.toMatchObject({
      code: 'NOT_LOCAL_MODE',
      message: expect.stringContaining('managed by balenaCloud') as unknown,
    });
    expect(fake.posted).toEqual([]);
    expect(fake.requests).not.toContain('POST /v2/local/target-state');
  });

  it('says how to enable local mode when the POST is refused with 400', async () => {
    fake.mode = 'not-local-mode';
    await expect(deploy()).rejects.toMatchObject({
      code: 'NOT_LOCAL_MODE',
      message: expect.stringMatching(/not in local mode.*Turn local mode on/) as unknown,
    });
    expect(fake.posted).toEqual([]);
  });

  it('hands on the services’ own log lines that arrive while applying', async () => {
    fake.mode = 'slow-apply';
    fake.slowPolls = 1_000_000;
    const logged: string[] = [];
    const deploying = deployViaSupervisor({
      address: fake.address,
      composition,
      pollMs: 10,
      onLog: (line) => logged.push(`${line.service ?? 'system'}: ${line.message}`),
    });
    await expect.poll(() => fake.posted.length).toBe(1);
    fake.emitLog({ serviceName: 'web', serviceId: 1, message: 'httpd up' });
    await expect.poll(() => logged).toContain('web: httpd up');
    fake.completeApply();
    await deploying;
  });

  it('stops waiting when cancelled, saying the supervisor carries on', async () => {
    fake.mode = 'slow-apply';
    fake.slowPolls = 1_000_000;
    const stop = new AbortController();
    const deploying = deploy({ signal: stop.signal });
    await expect.poll(() => lines).toContain('web: Installing');
    stop.abort();
    await expect(deploying).rejects.toMatchObject({
      code: 'CANCELLED',
      message: expect.stringContaining('goes on applying the release') as unknown,
    });
  });

  it('fails with UNREACHABLE at once when nothing answers at the address', async () => {
    await fake.stop();
    await expect(deploy()).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringContaining('connection refused') as unknown,
    });
    await fake.restart();
    expect(fake.posted).toEqual([]);
  });

  it('runs the CERN-shaped four-service project', async () => {
    ({ composition } = await loadProject(path.join(fixtures, 'cern'), { target: amd64, env: {} }));
    const result = await deploy();
    expect(result.services.map((s) => `${s.name} ${s.status}`)).toEqual([
      'frontend Running',
      'proxy Running',
      'data Running',
      'hello Running',
    ]);
    const posted = fake.posted[0] as {
      local: { apps: { '1': { services: Record<string, Record<string, unknown>> } } };
    };
    expect(Object.values(posted.local.apps['1'].services)).toContainEqual(
      expect.objectContaining({
        serviceName: 'proxy',
        image: 'local_image_proxy:latest',
        ports: ['80:80/tcp'],
        depends_on: ['frontend', 'data'],
      }),
    );
  });

  it('leaves no log stream open behind it', async () => {
    await deploy();
    await expect.poll(() => fake.openLogStreams).toBe(0);
  });
});
