// SPDX-License-Identifier: Apache-2.0
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectSummary } from '../../../src/shared/contract/push.js';
import {
  loadProject,
  summarizeProject,
  supervisorServices,
} from '../../../src/main/push/project/index.js';
import { amd64, fixtures, projectWith, removeProjects } from './project-temp.js';

afterEach(removeProjects);

describe('services for a supervisor', () => {
  it('keep compose keys and leave out x- extensions, develop and build', async () => {
    const root = await projectWith({
      'docker-compose.yml': `
x-defaults: &defaults
  restart: always
services:
  app:
    <<: *defaults
    build: ./app
    develop:
      watch: [{ action: sync, path: ./app, target: /app }]
    ports: [{ target: 80, published: 8080, x-why: docs }]
    labels: { x-team: bench, io.balena.features.dbus: '1' }
    environment: { x-mode: kept }
    x-owner: bench
  cache:
    image: bench/busybox
`,
      'app/Dockerfile': 'FROM bench/busybox\n',
    });
    const { composition } = await loadProject(root, { target: amd64, env: {} });
    expect(composition.services[0]?.raw).toHaveProperty('develop');
    expect(supervisorServices(composition)).toEqual({
      app: {
        image: 'local_image_app:latest',
        restart: 'always',
        ports: [{ target: 80, published: 8080 }],
        labels: { 'x-team': 'bench', 'io.balena.features.dbus': '1' },
        environment: { 'x-mode': 'kept' },
      },
      cache: { image: 'bench/busybox' },
    });
  });
});

describe('project summary', () => {
  it('shows each service with its Dockerfile, template values and context size', async () => {
    const project = await loadProject(path.join(fixtures, 'cern'), { target: amd64, env: {} });
    const summary = ProjectSummary.parse(await summarizeProject(project));
    expect(summary).toMatchObject({
      name: 'cern',
      composeFiles: ['docker-compose.yml'],
      target: { arch: 'amd64', deviceType: 'generic-amd64' },
      notes: [],
    });
    const proxy = summary.services.find((service) => service.name === 'proxy');
    expect(proxy).toMatchObject({
      image: 'local_image_proxy:latest',
      dependsOn: ['frontend', 'data'],
      ports: ['80:80/tcp'],
      build: {
        context: 'proxy',
        dockerfile: 'Dockerfile.template',
        fromTemplate: true,
        contextFiles: 2,
        templateValues: {
          BALENA_SERVICE_NAME: 'proxy',
          RESIN_MACHINE_NAME: 'generic-amd64',
          BALENA_APP_NAME: 'localapp',
          BALENA_RELEASE_HASH: '10ca12e1ea5e',
        },
      },
    });
    expect(proxy?.build?.dockerfileText).toContain('ENV MACHINE_NAME=generic-amd64');
    expect(summary.contextBytes).toBe(
      summary.services.reduce((sum, service) => sum + (service.build?.contextBytes ?? 0), 0),
    );
  });

  it('warns about a context above the threshold and keeps the loading notes', async () => {
    const project = await loadProject(path.join(fixtures, 'single-dockerfile'), {
      target: amd64,
      env: {},
    });
    const summary = await summarizeProject(project, { contextWarnBytes: 10 });
    expect(summary.notes.map((note) => note.level)).toEqual(['info', 'warning']);
    expect(summary.notes[1]?.message).toMatch(/build context of service "main" is/);
    expect(summary.services[0]?.build).toMatchObject({ templateValues: {}, fromTemplate: false });
  });
});
