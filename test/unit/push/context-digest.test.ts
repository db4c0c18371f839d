// SPDX-License-Identifier: Apache-2.0
// The build fingerprint changes with anything the build reads, and only with that.
import { chmod, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contextDigest, loadProject } from '../../../src/main/push/project/index.js';
import { amd64, projectWith, removeProjects } from './project-temp.js';

afterEach(removeProjects);

const dockerfile = 'FROM alpine\nCOPY . /app\nRUN echo %%BALENA_ARCH%%\n';

async function digestOf(root: string, args: Record<string, string> = {}): Promise<string> {
  const { composition } = await loadProject(root, { target: amd64 });
  const [service] = composition.services;
  if (service === undefined) throw new Error('the project has no service');
  return contextDigest(service, args);
}

describe('contextDigest', () => {
  it('is the same for the same files, whatever their times', async () => {
    const root = await projectWith({ Dockerfile: dockerfile, 'a.txt': 'one', 'sub/b.txt': 'two' });
    const before = await digestOf(root);
    await utimes(path.join(root, 'a.txt'), new Date(0), new Date(0));
    expect(await digestOf(root)).toBe(before);
  });

  it('changes with a file’s content, its mode, a new file, or an ignored file made visible', async () => {
    const root = await projectWith({
      Dockerfile: dockerfile,
      'a.txt': 'one',
      '.dockerignore': 'x',
    });
    const seen = new Set([await digestOf(root)]);
    await writeFile(path.join(root, 'a.txt'), 'ONE');
    seen.add(await digestOf(root));
    await chmod(path.join(root, 'a.txt'), 0o755);
    seen.add(await digestOf(root));
    await writeFile(path.join(root, 'b.txt'), '');
    seen.add(await digestOf(root));
    await writeFile(path.join(root, 'x'), 'ignored');
    const withIgnored = await digestOf(root);
    expect(seen.has(withIgnored)).toBe(true);
    await writeFile(path.join(root, '.dockerignore'), 'y');
    seen.add(await digestOf(root));
    expect(seen.size).toBe(5);
  });

  it('changes with the expanded Dockerfile and the build arguments', async () => {
    const root = await projectWith({ Dockerfile: dockerfile });
    const plain = await digestOf(root);
    expect(await digestOf(root, { MODE: 'dev' })).not.toBe(plain);
    await writeFile(path.join(root, 'Dockerfile'), `${dockerfile}RUN true\n`);
    expect(await digestOf(root)).not.toBe(plain);
  });
});
