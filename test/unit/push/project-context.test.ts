// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceSpec } from '../../../src/main/push/composition.js';
import {
  contextSizeWarning,
  createContextTar,
  loadProject,
} from '../../../src/main/push/project/index.js';
import { amd64, fixtures, projectWith, removeProjects } from './project-temp.js';

afterEach(removeProjects);

interface Entry {
  readonly body: Buffer;
  readonly mode: number;
}

async function untar(stream: Readable): Promise<Map<string, Entry>> {
  const chunks = (await stream.toArray()) as Buffer[];
  const reader = extract();
  reader.end(Buffer.concat(chunks));
  const entries = new Map<string, Entry>();
  for await (const entry of reader) {
    const parts: Buffer[] = [];
    for await (const part of entry) parts.push(part as Buffer);
    entries.set(entry.header.name, { body: Buffer.concat(parts), mode: entry.header.mode });
  }
  return entries;
}

async function serviceOf(
  root: string,
  name: string,
  multiDockerignore = false,
): Promise<ServiceSpec> {
  const { composition } = await loadProject(root, { target: amd64, env: {}, multiDockerignore });
  const found = composition.services.find((service) => service.name === name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
}

const twoServices = 'services:\n  a: { build: ./a }\n  b: { build: ./b }\n';

describe('build context tar', () => {
  it('holds the expanded Dockerfile at its chosen name and the context, minus .dockerignore', async () => {
    const service = await serviceOf(path.join(fixtures, 'cern'), 'proxy');
    const tar = await createContextTar(service);
    const entries = await untar(tar.stream);
    expect([...entries.keys()]).toEqual(['Dockerfile.template', 'index.cgi']);
    expect(entries.get('Dockerfile.template')?.body.toString()).toBe(service.build?.dockerfileText);
    expect(entries.get('Dockerfile.template')?.body.toString()).toContain(
      'ENV MACHINE_NAME=generic-amd64',
    );
    expect(entries.get('index.cgi')?.mode).toBe(0o755);
    const bodies = [...entries.values()].reduce((sum, entry) => sum + entry.body.length, 0);
    expect(tar.size).toBe(bodies);
    expect(tar.files).toBe(2);
  });

  it('applies the project root .dockerignore to every service by default', async () => {
    const frontend = await serviceOf(path.join(fixtures, 'cern'), 'frontend');
    const entries = await untar((await createContextTar(frontend)).stream);
    expect([...entries.keys()]).toEqual(['Dockerfile.template']);
  });

  it('never sends .git, and always sends Dockerfile* and docker-compose.yml', async () => {
    const root = await projectWith({
      '.dockerignore': '*\n!keep.txt\n!.git\n',
      'docker-compose.yml': 'services: { main: { build: . } }\n',
      Dockerfile: 'FROM bench/busybox\n',
      'Dockerfile.aarch64': 'FROM arm\n',
      'keep.txt': 'kept',
      'drop.txt': 'dropped',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'sub/.git/config': '[core]\n',
      'sub/Dockerfile.other': 'FROM x\n',
    });
    const entries = await untar((await createContextTar(await serviceOf(root, 'main'))).stream);
    expect([...entries.keys()].sort()).toEqual([
      'Dockerfile',
      'Dockerfile.aarch64',
      'docker-compose.yml',
      'keep.txt',
      'sub/Dockerfile.other',
    ]);
  });

  it('uses each service folder .dockerignore with multi-dockerignore', async () => {
    const files = {
      'docker-compose.yml': twoServices,
      '.dockerignore': 'a/secret.txt\n',
      'a/Dockerfile': 'FROM x\n',
      'a/secret.txt': 's',
      'a/local.log': 'l',
      'a/.dockerignore': '*.log\n',
      'b/Dockerfile': 'FROM x\n',
    };
    const root = await projectWith(files);
    const names = async (multi: boolean) =>
      [
        ...(await untar((await createContextTar(await serviceOf(root, 'a', multi))).stream)).keys(),
      ].sort();
    expect(await names(false)).toEqual(['.dockerignore', 'Dockerfile', 'local.log']);
    expect(await names(true)).toEqual(['.dockerignore', 'Dockerfile', 'secret.txt']);
  });

  it('follows links inside the project and refuses one leading outside', async () => {
    const root = await projectWith({
      Dockerfile: 'FROM x\n',
      'shared/config.txt': 'shared config',
      'ignored-dir/placeholder': '',
      '.dockerignore': 'outside-but-ignored\n',
    });
    await symlink('shared/config.txt', path.join(root, 'config.txt'));
    await symlink('shared', path.join(root, 'shared-again'));
    await symlink('does-not-exist', path.join(root, 'dangling'));
    await symlink('.', path.join(root, 'shared', 'loop'));
    await symlink(path.join(fixtures, 'cern'), path.join(root, 'outside-but-ignored'));
    const entries = await untar((await createContextTar(await serviceOf(root, 'main'))).stream);
    expect(entries.get('config.txt')?.body.toString()).toBe('shared config');
    expect(entries.get('shared-again/config.txt')?.body.toString()).toBe('shared config');
    expect(entries.has('dangling')).toBe(false);
    expect([...entries.keys()].filter((name) => name.includes('loop'))).toEqual([]);
    await expect(
      serviceOf(path.join(fixtures, 'symlink-outside'), 'app').then(createContextTar),
    ).rejects.toThrow(/The link .*symlink-outside\/app\/borrowed\.yml leads outside the project/);
  });

  it('streams large files whole', async () => {
    const big = randomBytes(3 * 1024 * 1024 + 17);
    const root = await projectWith({ Dockerfile: 'FROM x\n' });
    await writeFile(path.join(root, 'big.bin'), big);
    await mkdir(path.join(root, 'bin'));
    await writeFile(path.join(root, 'bin', 'run.sh'), '#!/bin/sh\n');
    await chmod(path.join(root, 'bin', 'run.sh'), 0o750);
    const tar = await createContextTar(await serviceOf(root, 'main'));
    const entries = await untar(tar.stream);
    expect(entries.get('big.bin')?.body.equals(big)).toBe(true);
    expect(entries.get('bin/run.sh')?.mode).toBe(0o750);
    expect(tar.size).toBe(big.length + 10 + 'FROM x\n'.length);
  });

  it('has no context for an image-only service', async () => {
    const root = await projectWith({ 'docker-compose.yml': 'services: { a: { image: x } }\n' });
    await expect(createContextTar(await serviceOf(root, 'a'))).rejects.toThrow(
      /runs an image and has no build context/,
    );
  });
});

describe('context size warning', () => {
  it('warns above the threshold only', () => {
    expect(contextSizeWarning('app', 100 * 1024 * 1024)).toBeUndefined();
    expect(contextSizeWarning('app', 100 * 1024 * 1024 + 1)).toMatch(
      /service "app" is 100\.0 MB \(over 100\.0 MB\).*\.dockerignore/,
    );
    expect(contextSizeWarning('app', 2048, 1024)).toMatch(/is 0\.0 MB/);
  });
});
