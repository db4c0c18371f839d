// SPDX-License-Identifier: Apache-2.0
// The project folder watched with chokidar, skipping what no service cares about (the rules'
// `ignored`: .dockerignore, compose `ignore`, folders outside every context). Skipped folders
// are never descended into, so node_modules or .git cost nothing. Paths go out relative to the
// root with forward slashes, as the rules take them.
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { FileChange } from '../sync-plan.js';

export interface ProjectWatcher {
  close(): Promise<void>;
}

export interface WatchOptions {
  readonly root: string;
  readonly ignored: (relative: string) => boolean;
  readonly onChange: (change: FileChange) => void;
  readonly onError: (error: unknown) => void;
}

const kinds = ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const;

/** Resolves once the initial scan is done: changes after that are reported. */
export async function watchProject(options: WatchOptions): Promise<ProjectWatcher> {
  const root = path.resolve(options.root);
  const relative = (file: string): string =>
    path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    persistent: true,
    ignored: (file) => {
      const rel = relative(file);
      return rel !== '' && !rel.startsWith('..') && options.ignored(rel);
    },
  });
  for (const kind of kinds) {
    watcher.on(kind, (file: string) => {
      const rel = relative(file);
      if (rel !== '' && !rel.startsWith('..')) options.onChange({ path: rel, kind });
    });
  }
  watcher.on('error', options.onError);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { close: () => watcher.close() };
}
