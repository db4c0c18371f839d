// SPDX-License-Identifier: Apache-2.0
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/push/project/index.js';
import { amd64, fixtures, projectWith, removeProjects } from './project-temp.js';

afterEach(removeProjects);

const load = (root: string) => loadProject(root, { target: amd64, env: {} });
const fixture = (name: string) => load(path.join(fixtures, name));
const composeOnly = async (text: string, more: Record<string, string> = {}) =>
  load(await projectWith({ 'docker-compose.yml': text, ...more }));

describe('a project without a compose file', () => {
  it('is one privileged host-network service "main", as balena makes it, and says so', async () => {
    const { composition, notes, composeFiles } = await fixture('single-dockerfile');
    expect(composeFiles).toEqual([]);
    expect(composition.volumes).toEqual({ 'resin-data': { external: false, labels: {} } });
    expect(composition.services).toHaveLength(1);
    expect(composition.services[0]).toMatchObject({
      name: 'main',
      image: 'local_image_main:latest',
      privileged: true,
      tty: true,
      restart: 'always',
      networkMode: 'host',
      mounts: [{ type: 'volume', source: 'resin-data', target: '/data', readOnly: false }],
      labels: {
        'io.resin.features.kernel-modules': '1',
        'io.resin.features.firmware': '1',
        'io.resin.features.dbus': '1',
        'io.resin.features.supervisor-api': '1',
        'io.resin.features.resin-api': '1',
      },
      build: { dockerfile: 'Dockerfile', fromTemplate: false },
    });
    expect(notes).toHaveLength(1);
    expect(notes[0]?.level).toBe('info');
    expect(notes[0]?.message).toMatch(
      /No docker-compose\.yml in .*single-dockerfile: pushing one service "main"/,
    );
  });

  it('names an unknown template variable, the file and the line', async () => {
    await expect(fixture('unknown-template-var')).rejects.toThrow(
      /unknown-template-var\/Dockerfile\.template:4: unknown template variable %%BALENA_DEVICE_MODEL%%/,
    );
  });
});

describe('compose errors name the file, line and column', () => {
  it('a YAML syntax error', async () => {
    await expect(fixture('bad-yaml')).rejects.toThrow(
      /^docker-compose\.yml:4:1: YAML syntax error: /,
    );
  });

  it('an unknown key, at the key', async () => {
    await expect(fixture('unknown-key')).rejects.toThrow(
      'docker-compose.yml:4:5: unknown key "privilegd" in "services.web"',
    );
  });

  it('a value of the wrong type, at the value', async () => {
    await expect(composeOnly('services:\n  a:\n    image: x\n    ports: 80\n')).rejects.toThrow(
      'docker-compose.yml:4:12: "services.a.ports" must be array',
    );
  });

  it('a service with neither build nor image, at its name', async () => {
    await expect(fixture('no-build-or-image')).rejects.toThrow(
      'docker-compose.yml:4:3: service "worker" has neither "build" nor "image"',
    );
  });

  it('an error in the dev overlay, in the overlay', async () => {
    const root = await projectWith({
      'docker-compose.yml': 'services:\n  a: { image: x }\n',
      'docker-compose.dev.yml': 'services:\n  a:\n    image: x\n    tyy: true\n',
    });
    await expect(load(root)).rejects.toThrow('docker-compose.dev.yml:4:5: unknown key "tyy"');
  });

  it('a missing Dockerfile', async () => {
    await expect(fixture('missing-dockerfile')).rejects.toThrow(
      /docker-compose\.yml:3:12: service "app" has no Dockerfile in .*missing-dockerfile\/app/,
    );
  });

  it('a build context outside the project', async () => {
    await expect(fixture('context-outside')).rejects.toThrow(
      /docker-compose\.yml:4:7: build context "\.\.\/cern\/frontend" leads outside the project/,
    );
  });

  it('a build context that is a link to outside the project', async () => {
    const root = await projectWith({
      'docker-compose.yml': 'services:\n  a:\n    build: ./linked\n',
    });
    await symlink(path.join(fixtures, 'cern', 'frontend'), path.join(root, 'linked'));
    await expect(load(root)).rejects.toThrow(
      /a link leading outside the project, to .*cern\/frontend/,
    );
  });

  it('a missing build context folder', async () => {
    await expect(composeOnly('services:\n  a:\n    build: ./nowhere\n')).rejects.toThrow(
      /docker-compose\.yml:3:12: the build context .*nowhere of service "a" does not exist/,
    );
  });

  it('a remote build context', async () => {
    await expect(
      composeOnly('services:\n  a:\n    build: https://github.com/x/y.git\n'),
    ).rejects.toThrow(/remote build context .* cannot be pushed/);
  });

  it('references to what the project does not declare', async () => {
    await expect(composeOnly('services:\n  a: { image: x, depends_on: [b] }\n')).rejects.toThrow(
      'docker-compose.yml:2:30: service "a" depends on "b", which the project does not define.',
    );
    await expect(composeOnly('services:\n  a: { image: x, volumes: ["v:/v"] }\n')).rejects.toThrow(
      /docker-compose\.yml:2:28: volume "v" is used but not declared/,
    );
    await expect(composeOnly('services:\n  a: { image: x, networks: [n] }\n')).rejects.toThrow(
      /docker-compose\.yml:2:28: network "n" is used but not declared/,
    );
  });

  it('values compose spells as strings but gives meaning to', async () => {
    await expect(composeOnly('services:\n  a: { image: x, restart: sometimes }\n')).rejects.toThrow(
      'docker-compose.yml:2:27: restart "sometimes" is not one of no, always, on-failure, unless-stopped.',
    );
    await expect(
      composeOnly('services:\n  a: { image: x, ports: ["80:80:80:80"] }\n'),
    ).rejects.toThrow(/docker-compose\.yml:2:26: port "80:80:80:80" is not/);
    await expect(composeOnly('services:\n  a: { image: x, ports: ["70000"] }\n')).rejects.toThrow(
      /"70000" is not a port number/,
    );
    await expect(composeOnly('services:\n  a: { image: x, privileged: maybe }\n')).rejects.toThrow(
      'docker-compose.yml:2:30: expected true or false, found "maybe".',
    );
    await expect(
      composeOnly('services:\n  a: { image: x, command: "sh -c \'open" }\n'),
    ).rejects.toThrow(/unclosed ' quote/);
  });

  it('a compose file without services, and a folder that does not exist', async () => {
    await expect(composeOnly('services: {}\n')).rejects.toThrow(/defines no services/);
    await expect(composeOnly('- just\n- a list\n')).rejects.toThrow(/must be a mapping/);
    const root = await projectWith({});
    await mkdir(path.join(root, 'empty'));
    await expect(load(path.join(root, 'missing'))).rejects.toThrow(/does not exist/);
  });
});
