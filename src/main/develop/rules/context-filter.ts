// SPDX-License-Identifier: Apache-2.0
// Which project files a service's build sees: inside its context, not .git, not excluded by the
// .dockerignore that filters it (balena's always-sent files kept), as push's context-files.ts
// sends them. Pure: the .dockerignore text is given, read once when the rules are loaded.
import path from 'node:path';
import dockerignoreModule, { type Ignore } from '@balena/dockerignore';
import { alwaysSent } from '../../push/project/context-files.js';
import type { BuildSpec } from '../../push/composition.js';

export type ContextPlace = 'outside' | 'ignored' | 'inside';

export interface ContextFilter {
  /** Project-relative folder of the context ('' for the project root). */
  readonly context: string;
  /** Project-relative path of the .dockerignore that filters it. */
  readonly dockerignore: string;
  /** Where a project-relative path stands for this build. */
  place(file: string): ContextPlace;
  /** The path relative to the context (only meaningful when inside). */
  relative(file: string): string;
  /** True when a "!" pattern may bring back a file under this ignored path (if it is a folder). */
  mayHoldExceptions(file: string): boolean;
}

/** `readText` gives a project file's text (the .dockerignore), undefined when there is none. */
export function contextFilter(
  root: string,
  build: BuildSpec,
  readText: (file: string) => string | undefined,
): ContextFilter {
  const context = toPosix(path.relative(root, build.context));
  const ignoreDir = toPosix(
    path.relative(root, build.dockerignoreDir ?? build.projectRoot ?? root),
  );
  const dockerignore = join(ignoreDir, '.dockerignore');
  const patterns = (readText(dockerignore) ?? '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  const ignore: Ignore = dockerignoreModule
    .default({ ignorecase: false })
    .add(patterns)
    .add(alwaysSent);
  const exceptions = patterns
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).replace(/^\/+/, ''));
  const relative = (file: string) => below(context, file) ?? file;
  return {
    context,
    dockerignore,
    mayHoldExceptions(file) {
      const forIgnore = below(ignoreDir, file) ?? file;
      return exceptions.some(
        (pattern) => pattern.startsWith(`${forIgnore}/`) || /^[*?[]/.test(pattern),
      );
    },
    relative,
    place(file) {
      const inContext = below(context, file);
      if (inContext === undefined || inContext === '')
        return inContext === '' ? 'inside' : 'outside';
      if (inContext.split('/').includes('.git')) return 'ignored';
      const forIgnore = below(ignoreDir, file) ?? file;
      return ignore.ignores(forIgnore) ? 'ignored' : 'inside';
    },
  };
}

/** `file` relative to `folder` ('' is the folder itself), or undefined when not below it. */
export function below(folder: string, file: string): string | undefined {
  if (folder === '' || folder === '.') return file;
  if (file === folder) return '';
  return file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : undefined;
}

export function join(folder: string, name: string): string {
  return folder === '' || folder === '.' ? name : `${folder}/${name}`;
}

export function toPosix(name: string): string {
  return name.split(path.sep).join('/');
}
