// SPDX-License-Identifier: Apache-2.0
// Small projects written to a temporary folder per test, and the fixtures' folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/push',
);
export const amd64 = { arch: 'amd64', deviceType: 'generic-amd64' } as const;

const made: string[] = [];

/** Writes `files` (path → text) under a new folder named `name` and returns its path. */
export async function projectWith(
  files: Record<string, string>,
  name = 'project',
): Promise<string> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'benchtop-push-'));
  made.push(parent);
  const root = path.join(parent, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  await mkdir(root, { recursive: true });
  return root;
}

export async function removeProjects(): Promise<void> {
  await Promise.all(made.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}
