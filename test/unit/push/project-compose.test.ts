// SPDX-License-Identifier: Apache-2.0
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/push/project/index.js';
import { amd64, fixtures, projectWith, removeProjects } from './project-temp.js';

afterEach(removeProjects);

const load = (root: string, env: Record<string, string> = {}) =>
  loadProject(root, { target: amd64, env });

describe('the CERN-shaped project', () => {
  it('loads four services built from expanded multi-stage templates', async () => {
    const { composition, composeFiles, notes } = await load(path.join(fixtures, 'cern'));
    expect(composeFiles).toEqual(['docker-compose.yml']);
    expect(notes).toEqual([]);
    expect(composition.name).toBe('cern');
    expect(composition.services.map((s) => s.name)).toEqual(['frontend', 'proxy', 'data', 'hello']);
    for (const s of composition.services) {
      expect(s.image).toBe(`local_image_${s.name}:latest`);
      expect(s.build).toMatchObject({ dockerfile: 'Dockerfile.template', fromTemplate: true });
      expect(s.build?.context).toBe(path.join(fixtures, 'cern', s.name));
      expect(s.build?.dockerfileText).not.toMatch(/^[^#].*%%/m);
      expect(s.build?.dockerfileText.match(/^FROM bench\/busybox/gm)).toHaveLength(2);
    }
    const [frontend, proxy] = composition.services;
    expect(frontend?.build?.dockerfileText).toContain('echo "frontend on generic-amd64"');
    expect(frontend?.build?.dockerfileText).toContain('# Built for %%RESIN_MACHINE_NAME%%');
    expect(proxy?.dependsOn).toEqual(['frontend', 'data']);
    expect(proxy?.ports).toEqual([{ published: 80, target: 80, protocol: 'tcp' }]);
    expect(proxy).toMatchObject({ restart: 'always', init: true, privileged: false, networks: {} });
  });
});

describe('compose keys into the model', () => {
  const compose = `
name: Bench_Rig 1
x-common: &common
  restart: unless-stopped
services:
  web:
    <<: *common
    image: bench/busybox
    ports: ['8080:80', '127.0.0.1:8443:443/tcp', '5353:5353/udp', '9000-9001:7000-7001', '3000',
            { target: 81, published: '8081', host_ip: 0.0.0.0, protocol: udp }]
    expose: [9100, '9200-9201']
    volumes: ['data:/data:ro', './conf:/etc/conf', /var/run/docker.sock:/var/run/docker.sock, /scratch,
              { type: volume, source: data, target: /more }, { type: tmpfs, target: /tmp }]
    networks: { back: { aliases: [api, api2] }, default: null }
    environment: [A=1, 'B=two words', FROM_ENV, NOT_SET]
    labels: [io.balena.update.strategy=hand-over]
    privileged: 'true'
    tty: true
    devices: [/dev/ttyUSB0:/dev/ttyUSB0, { source: /dev/i2c-1 }]
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    init: false
    command: sh -c 'echo "hi there" && sleep 1'
    entrypoint: [/bin/tini, --]
    working_dir: /srv
    user: '1000'
    stop_signal: SIGINT
    depends_on: { db: { condition: service_started } }
    x-note: not for the board
  db:
    build: { context: ./db, dockerfile: Dockerfile.custom, args: { LEVEL: 3, FROM_ENV: null }, target: runtime }
    environment: { X: 1, Y: true, Z: null }
    network_mode: host
    restart: on-failure:3
volumes:
  data: { labels: [owner=bench] }
networks:
  back: { driver: bridge }
  outside: { external: true }
`;

  it('normalises every spelling', async () => {
    const root = await projectWith({
      'docker-compose.yml': compose,
      'db/Dockerfile.custom': 'FROM bench/busybox AS runtime\n',
    });
    const { composition } = await load(root, { FROM_ENV: 'env-value' });
    expect(composition.name).toBe('bench_rig1');
    expect(composition.volumes).toEqual({ data: { external: false, labels: { owner: 'bench' } } });
    expect(composition.networks).toEqual({
      back: { driver: 'bridge', external: false, labels: {} },
      outside: { external: true, labels: {} },
    });
    const [web, db] = composition.services;
    expect(web?.ports).toEqual([
      { published: 8080, target: 80, protocol: 'tcp' },
      { hostIp: '127.0.0.1', published: 8443, target: 443, protocol: 'tcp' },
      { published: 5353, target: 5353, protocol: 'udp' },
      { published: 9000, target: 7000, protocol: 'tcp' },
      { published: 9001, target: 7001, protocol: 'tcp' },
      { target: 3000, protocol: 'tcp' },
      { hostIp: '0.0.0.0', published: 8081, target: 81, protocol: 'udp' },
    ]);
    expect(web?.expose).toEqual([9100, 9200, 9201]);
    expect(web?.mounts).toEqual([
      { type: 'volume', source: 'data', target: '/data', readOnly: true },
      { type: 'bind', source: path.join(root, 'conf'), target: '/etc/conf', readOnly: false },
      {
        type: 'bind',
        source: '/var/run/docker.sock',
        target: '/var/run/docker.sock',
        readOnly: false,
      },
      { type: 'volume', target: '/scratch', readOnly: false },
      { type: 'volume', source: 'data', target: '/more', readOnly: false },
      { type: 'tmpfs', target: '/tmp', readOnly: false },
    ]);
    expect(web?.networks).toEqual({ back: { aliases: ['api', 'api2'] }, default: { aliases: [] } });
    expect(web?.environment).toEqual({ A: '1', B: 'two words', FROM_ENV: 'env-value' });
    expect(web?.labels).toEqual({ 'io.balena.update.strategy': 'hand-over' });
    expect(web).toMatchObject({
      image: 'bench/busybox',
      restart: 'unless-stopped',
      privileged: true,
      tty: true,
      init: false,
      devices: ['/dev/ttyUSB0:/dev/ttyUSB0', '/dev/i2c-1:/dev/i2c-1:rwm'],
      capAdd: ['NET_ADMIN'],
      capDrop: ['ALL'],
      command: ['sh', '-c', 'echo "hi there" && sleep 1'],
      entrypoint: ['/bin/tini', '--'],
      workingDir: '/srv',
      user: '1000',
      stopSignal: 'SIGINT',
      dependsOn: ['db'],
    });
    expect(web?.build).toBeUndefined();
    expect(web?.raw).not.toHaveProperty('x-note');
    expect(web?.raw).toHaveProperty('restart', 'unless-stopped');
    expect(db?.build).toMatchObject({
      dockerfile: 'Dockerfile.custom',
      fromTemplate: false,
      args: { LEVEL: '3', FROM_ENV: 'env-value' },
      target: 'runtime',
    });
    expect(db?.environment).toEqual({ X: '1', Y: 'true' });
    expect(db).toMatchObject({ networkMode: 'host', restart: 'on-failure', networks: {} });
  });

  it('reads docker-compose.yaml when there is no .yml', async () => {
    const root = await projectWith({ 'docker-compose.yaml': 'services: { a: { image: x } }\n' });
    expect((await load(root)).composeFiles).toEqual(['docker-compose.yaml']);
  });

  it('merges the services of docker-compose.dev.yml over the base, replacing each whole', async () => {
    const root = await projectWith({
      'docker-compose.yml':
        'services:\n  a: { image: base, privileged: true }\n  b: { image: kept }\n',
      'docker-compose.dev.yml': 'services:\n  a: { image: dev }\n  c: { image: added }\n',
    });
    const { composition, composeFiles } = await load(root);
    expect(composeFiles).toEqual(['docker-compose.yml', 'docker-compose.dev.yml']);
    expect(composition.services.map((s) => [s.name, s.image, s.privileged])).toEqual([
      ['a', 'dev', false],
      ['b', 'kept', false],
      ['c', 'added', false],
    ]);
  });
});

describe('interpolation in compose files', () => {
  it('takes variables from the environment over .env, and warns about unset ones', async () => {
    const root = await projectWith({
      '.env': 'TAG=from-dotenv\nPORT=8000\n',
      'docker-compose.yml':
        'services:\n  a:\n    image: "bench/busybox:${TAG}"\n    ports: ["${PORT}:80"]\n    environment: [A=$$literal, "B=${UNSET_ONE}"]\n',
    });
    const { composition, notes } = await load(root, { TAG: 'from-env' });
    expect(composition.services[0]?.image).toBe('bench/busybox:from-env');
    expect(composition.services[0]?.ports[0]?.published).toBe(8000);
    expect(composition.services[0]?.environment).toEqual({ A: '$literal', B: '' });
    expect(notes).toEqual([
      {
        level: 'warning',
        message: 'docker-compose.yml:5:32: variable UNSET_ONE is not set; an empty string is used.',
      },
    ]);
  });

  it('fails on a required variable with its place', async () => {
    const root = await projectWith({
      'docker-compose.yml': 'services:\n  a:\n    image: ${IMAGE:?name the image}\n',
    });
    await expect(load(root)).rejects.toThrow('docker-compose.yml:3:12: IMAGE: name the image');
  });
});
