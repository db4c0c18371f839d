// SPDX-License-Identifier: Apache-2.0
// One COPY/ADD of a stage as a copy from the build context: its sources, where they land
// (WORKDIR and variables resolved), and whether that place is a folder.
import path from 'node:path';
import type { Instruction } from './dockerfile-parse.js';
import { splitWords, substitute } from './dockerfile-words.js';

/** A COPY/ADD from the build context (never --from). */
export interface ContextCopy {
  /** Order in the stage, shared with `runs`, so "a RUN after this copy" is a comparison. */
  readonly step: number;
  readonly line: number;
  readonly instruction: string;
  /** Context-relative sources, posix, normalised; '.' is the whole context. */
  readonly sources: readonly string[];
  /** Absolute container path; undefined when a variable the rules cannot know is in it. */
  readonly dest: string | undefined;
  /** The destination is a folder: a trailing slash, several sources, a glob, or a known folder. */
  readonly destIsDir: boolean;
  readonly excludes: readonly string[];
  readonly chown?: string;
  readonly chmod?: string;
  /** Set when the rules cannot place the copied files (COPY --parents): a change rebuilds. */
  readonly unmapped?: string;
  /** ADD unpacks local archives: a changed archive is rebuilt, never copied. */
  readonly isAdd: boolean;
  /** Livepush restarts after a copy unless it comes after #dev-cmd-live. */
  readonly restart: boolean;
}

export interface StageState {
  name: string;
  workdir: string;
  user?: string;
  shell: readonly string[];
  values: Map<string, string>;
  /** Folders known to exist (WORKDIR, copy destinations, mkdir'd), to tell `COPY f /dir` apart. */
  folders: Set<string>;
}

export function contextCopy(
  instruction: Instruction,
  step: number,
  state: StageState,
  beforeLiveCommand: boolean,
): ContextCopy | undefined {
  const { flags, words } = splitWords(instruction.args);
  // --from copies come from a stage or an image, not the context: the stage's own files rebuild.
  if (flags.from !== undefined || instruction.heredoc || words.length < 2) return undefined;
  const rawDest = words.at(-1) ?? '';
  const isAdd = instruction.keyword === 'ADD';
  const sources = words
    .slice(0, -1)
    // ADD fetches URLs itself: nothing of the context.
    .filter((source) => !(isAdd && /^[a-z]+:\/\//i.test(source)))
    .map((source) => normalizeSource(substitute(source, state.values) ?? source));
  if (sources.length === 0) return undefined;
  const substituted = substitute(rawDest, state.values);
  // A relative destination needs the WORKDIR; one the base image sets is not known here.
  const dest =
    substituted === undefined || (state.workdir === '' && !substituted.startsWith('/'))
      ? undefined
      : path.posix.resolve(state.workdir || '/', substituted);
  const destIsDir =
    /(^|\/)\.{0,2}$/.test(substituted ?? '') ||
    sources.length > 1 ||
    sources.some((source) => /[*?[]/.test(source)) ||
    (dest !== undefined && state.folders.has(dest));
  if (dest !== undefined) state.folders.add(destIsDir ? dest : path.posix.dirname(dest));
  return {
    step,
    line: instruction.line,
    instruction: `${instruction.keyword === 'DEV-COPY' ? '#dev-copy=' : `${instruction.keyword} `}${instruction.args}`,
    sources,
    dest,
    destIsDir,
    excludes: flags.exclude === undefined ? [] : flags.exclude.split('\n'),
    ...(flags.parents === undefined
      ? {}
      : {
          unmapped: `line ${instruction.line} copies with --parents, which live sync does not place`,
        }),
    ...(flags.chown === undefined ? {} : { chown: flags.chown }),
    ...(flags.chmod === undefined ? {} : { chmod: flags.chmod }),
    isAdd,
    restart: beforeLiveCommand,
  };
}

/** Sources are relative to the context whatever their spelling: `./src/`, `/src`, `src`. */
function normalizeSource(source: string): string {
  const normal = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '');
  return normal === '' ? '.' : normal;
}

/** Folders a `mkdir` in a RUN creates, so a later `COPY file /that/folder` goes inside it. */
export function mkdirTargets(args: string): string[] {
  const out: string[] = [];
  for (const match of args.matchAll(/\bmkdir\s+((?:-\S+\s+)*)((?:[^\s;&|]+\s*)+)/g)) {
    out.push(
      ...(match[2] ?? '')
        .trim()
        .split(/\s+/)
        .filter((word) => !word.startsWith('-')),
    );
  }
  return out;
}
