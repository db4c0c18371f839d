// SPDX-License-Identifier: Apache-2.0
// The target state a local push posts to a balena supervisor: the shape balena-cli sends.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/push/project/index.js';
import { localTargetState } from '../../../src/main/push/supervisor/index.js';
import { amd64, fixtures, projectWith, removeProjects } from './project-temp.js';

afterEach(removeProjects);

const current = {
  local: {
    name: 'bench-board',
    config: { HOST_CONFIG_gpu_mem: '16', SUPERVISOR_LOCAL_MODE: '1' },
    apps: { '1': { name: 'old', services: {} } },
  },
};

const compose = `
x-defaults: &defaults
  restart: always
services:
  web:
    <<: *defaults
    build: ./web
    develop:
      watch: [{ action: sync, path: ./web, target: /www }]
    ports: ['8080:80', { target: 443, published: 8443, host_ip: 127.0.0.1, x-why: docs }, '9000/udp']
    environment: [MODE=bench, x-kept=yes]
    depends_on: { cache: { condition: service_started } }
    volumes: ['data:/data']
    networks: [backend]
    x-owner: bench
  cache:
    image: bench/busybox
    labels: [io.balena.update.strategy=kill-then-download]
    networks: [backend]
volumes:
  data: { labels: { purpose: bench } }
networks:
  backend: { driver: bridge }
`;

describe('local target state', () => {
  it('keeps local.name and local.config and posts app "1" localapp with every service', async () => {
    const root = await projectWith({ 'docker-compose.yml': compose, 'web/Dockerfile': 'FROM x\n' });
    const { composition } = await loadProject(root, { target: amd64, env: {} });
    expect(localTargetState(current, composition)).toEqual({
      local: {
        name: 'bench-board',
        config: { HOST_CONFIG_gpu_mem: '16', SUPERVISOR_LOCAL_MODE: '1' },
        apps: {
          '1': {
            name: 'localapp',
            commit: '10ca12e1ea5e',
            releaseId: '1',
            services: {
              '1': {
                serviceName: 'web',
                serviceId: 1,
                imageId: 1,
                running: true,
                image: 'local_image_web:latest',
                restart: 'always',
                ports: ['8080:80/tcp', '127.0.0.1:8443:443/tcp', '9000/udp'],
                environment: { MODE: 'bench', 'x-kept': 'yes' },
                labels: {},
                depends_on: ['cache'],
                volumes: ['data:/data'],
                networks: ['backend'],
              },
              '2': {
                serviceName: 'cache',
                serviceId: 2,
                imageId: 2,
                running: true,
                image: 'local_image_cache:latest',
                environment: {},
                labels: { 'io.balena.update.strategy': 'kill-then-download' },
                networks: ['backend'],
              },
            },
            volumes: { data: { labels: { purpose: 'bench' } } },
            networks: { backend: { driver: 'bridge' } },
          },
        },
      },
    });
  });

  it('runs the image given for a service instead of balena’s local name', async () => {
    const root = await projectWith({ 'docker-compose.yml': compose, 'web/Dockerfile': 'FROM x\n' });
    const { composition } = await loadProject(root, { target: amd64, env: {} });
    const state = localTargetState(current, composition, new Map([['cache', 'bench/busybox']]));
    expect(state.local.apps['1']?.services['2']?.image).toBe('bench/busybox');
    expect(state.local.apps['1']?.services['1']?.image).toBe('local_image_web:latest');
  });

  it('posts a bare Dockerfile folder as balena runs it: host network, privileged, /data', async () => {
    const project = await loadProject(path.join(fixtures, 'single-dockerfile'), {
      target: amd64,
      env: {},
    });
    const app = localTargetState(current, project.composition).local.apps['1'];
    expect(app?.services['1']).toMatchObject({
      serviceName: 'main',
      image: 'local_image_main:latest',
      privileged: true,
      tty: true,
      restart: 'always',
      network_mode: 'host',
      volumes: ['resin-data:/data'],
      labels: { 'io.resin.features.supervisor-api': '1' },
    });
    expect(app?.volumes).toEqual({ 'resin-data': {} });
  });

  it('refuses an external network, which a supervisor cannot join', async () => {
    const root = await projectWith({
      'docker-compose.yml': `
services:
  app: { image: bench/busybox, networks: [lan] }
networks:
  lan: { external: true }
`,
    });
    const { composition } = await loadProject(root, { target: amd64, env: {} });
    expect(() => localTargetState(current, composition)).toThrow(
      /network "lan" is external: a balena supervisor makes every network of its app itself/,
    );
  });
});
