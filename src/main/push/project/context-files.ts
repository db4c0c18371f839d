// SPDX-License-Identifier: Apache-2.0
// The files of one build context that go to the engine: .dockerignore applied, .git left out,
// balena's always-sent files kept, and no symlink allowed to lead outside the project.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import dockerignoreModule, { type Ignore } from '@balena/dockerignore';
import { BenchtopError } from '../../../shared/errors.js';
import type { BuildSpec } from '../composition.js';

export interface ContextFile {
  /** Path inside the context, posix separators: the tar entry name. */
  readonly name: string;
  /** The file read for it (a symlink's target). */
  readonly source: string;
  readonly size: number;
  readonly mode: number;
  readonly mtime: Date;
}

/** balena sends these whatever .dockerignore says: the build cannot work without them. */
export const alwaysSent = [
  '!**/Dockerfile',
  '!**/Dockerfile.*',
  '!**/docker-compose.yml',
  '!**/.balena',
  '!**/.resin',
];

export async function listContextFiles(build: BuildSpec): Promise<ContextFile[]> {
  const projectRoot = build.projectRoot ?? build.context;
  const ignoreDir = build.dockerignoreDir ?? projectRoot;
  const userPatterns = await readDockerignore(ignoreDir);
  // A CommonJS module: its factory is both module.exports and its .default, and the types know only the latter.
  const ignore = dockerignoreModule
    .default({ ignorecase: false })
    .add(userPatterns)
    .add(alwaysSent);
  // Without a "!" of the user's own, nothing under an ignored folder can come back: skip walking it.
  const canPrune = !userPatterns.some((line) => line.trim().startsWith('!'));
  const walker = {
    realRoot: await realpath(projectRoot),
    context: build.context,
    ignoreDir,
    ignore,
    canPrune,
    files: [] as ContextFile[],
  };
  await walk(walker, build.context, await realpath(build.context), new Set());
  walker.files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return walker.files;
}

interface Walker {
  readonly realRoot: string;
  readonly context: string;
  readonly ignoreDir: string;
  readonly ignore: Ignore;
  readonly canPrune: boolean;
  readonly files: ContextFile[];
}

/**
 * `folder` is where the walk is (as the context sees it), `real` the folder it really reads;
 * `above` holds the real folders it is inside, so a link back up the tree does not loop.
 */
async function walk(
  walker: Walker,
  folder: string,
  real: string,
  above: ReadonlySet<string>,
): Promise<void> {
  if (above.has(real)) return;
  const inside = new Set(above).add(real);
  const entries = await readdir(real, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    // Never sent, whatever the ignore files say: history and credentials live there.
    if (entry.name === '.git') continue;
    const shown = path.join(folder, entry.name);
    const ignoreName = toPosix(path.relative(walker.ignoreDir, shown));
    const ignored = walker.ignore.ignores(ignoreName);
    let source = path.join(real, entry.name);
    if (entry.isSymbolicLink()) {
      if (ignored && walker.canPrune) continue;
      const target = await realpath(source).catch(() => undefined);
      // A dangling link has nothing to send.
      if (target === undefined) continue;
      const relative = path.relative(walker.realRoot, target);
      if (relative.startsWith('..') || path.isAbsolute(relative)) {
        throw new BenchtopError(
          'INVALID_CONFIG',
          `The link ${shown} leads outside the project, to ${target}: it cannot be sent to the board. Copy the file into the project or add the link to .dockerignore.`,
        );
      }
      source = target;
    }
    const stats = await stat(source);
    if (stats.isDirectory()) {
      if (ignored && walker.canPrune) continue;
      await walk(walker, shown, source, inside);
    } else if (stats.isFile() && !ignored) {
      walker.files.push({
        name: toPosix(path.relative(walker.context, shown)),
        source,
        size: stats.size,
        mode: stats.mode & 0o7777,
        mtime: stats.mtime,
      });
    }
  }
}

async function readDockerignore(folder: string): Promise<string[]> {
  const text = await readFile(path.join(folder, '.dockerignore'), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw new BenchtopError(
        'INVALID_CONFIG',
        `Cannot read ${path.join(folder, '.dockerignore')}: ${error.message}`,
      );
    },
  );
  return text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

function toPosix(name: string): string {
  return name.split(path.sep).join('/');
}
