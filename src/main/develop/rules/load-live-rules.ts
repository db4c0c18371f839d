// SPDX-License-Identifier: Apache-2.0
// Reads what the pure rules need from disk (the .dockerignore files, and the files that
// `initial_sync` rules send), then compiles them.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Composition } from '../../push/composition.js';
import type { LiveRules } from '../sync-plan.js';
import { compileLiveRules } from './compile-live-rules.js';
import { toPosix } from './context-filter.js';
import { watchRulesOf } from './watch-rules.js';

/** `composeFiles`: the compose files the project was loaded from (LoadedProject.composeFiles). */
export async function loadLiveRules(
  project: Composition,
  composeFiles?: readonly string[],
): Promise<LiveRules> {
  const dockerignores: Record<string, string> = {};
  for (const service of project.services) {
    const build = service.build;
    if (build === undefined) continue;
    const folder = build.dockerignoreDir ?? build.projectRoot ?? project.root;
    const file = toPosix(path.relative(project.root, path.join(folder, '.dockerignore')));
    const text = await readFile(path.join(project.root, file), 'utf8').catch(() => undefined);
    if (text !== undefined) dockerignores[file] = text;
  }
  const initialPaths = project.services.flatMap((service) =>
    (watchRulesOf(project.root, service) ?? [])
      .filter((rule) => rule.initialSync)
      .map((rule) => rule.path),
  );
  const initialFiles = (
    await Promise.all([...new Set(initialPaths)].map((folder) => filesUnder(project.root, folder)))
  ).flat();
  return compileLiveRules(project, {
    dockerignores,
    initialFiles: [...new Set(initialFiles)],
    ...(composeFiles === undefined ? {} : { composeFiles }),
  });
}

/** Project-relative files at or under `folder` ('' is the root), .git left out. */
async function filesUnder(root: string, folder: string): Promise<string[]> {
  const absolute = path.join(root, folder);
  const stats = await stat(absolute).catch(() => undefined);
  if (stats === undefined) return [];
  if (stats.isFile()) return [folder];
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => toPosix(path.relative(root, path.join(entry.parentPath, entry.name))))
    .filter((file) => !file.split('/').includes('.git'));
}
