// SPDX-License-Identifier: Apache-2.0
// Where one COPY/ADD puts one context file, by Docker's rules, without asking the engine: a
// folder source copies its contents, a glob copies each match into the destination folder, a
// single file goes to the destination itself unless that is a folder.
import path from 'node:path';
import dockerignoreModule, { type Ignore } from '@balena/dockerignore';
import type { ContextCopy } from './dockerfile-model.js';

export interface CopyHit {
  /** Absolute container path; undefined when the copy's destination is not known. */
  readonly to: string | undefined;
  /**
   * The path is a source itself (or a glob's match), not something inside a copied folder. For
   * a folder that means the copied folder, whose contents go to the destination: it has no
   * place of its own there.
   */
  readonly topLevel: boolean;
}

/** Where `copy` puts the context-relative `file`, or undefined when it does not take it. */
export function copyTarget(copy: ContextCopy, file: string): CopyHit | undefined {
  if (copy.excludes.length > 0 && excluded(copy.excludes, file)) return undefined;
  for (const source of copy.sources) {
    const hit = match(source, file);
    if (hit === undefined) continue;
    const topLevel = hit.rest === '';
    if (copy.dest === undefined) return { to: undefined, topLevel };
    if (topLevel) {
      // The file is the source itself, or a glob's match: a folder destination takes its name.
      const to = copy.destIsDir ? path.posix.join(copy.dest, path.posix.basename(file)) : copy.dest;
      return { to, topLevel };
    }
    return { to: path.posix.join(copy.dest, hit.rest), topLevel };
  }
  return undefined;
}

interface SourceMatch {
  /** What is left of the file below the matched source ('' when the file is the match). */
  readonly rest: string;
}

function match(source: string, file: string): SourceMatch | undefined {
  if (source === '.') return { rest: file };
  const patternParts = source.split('/');
  const fileParts = file.split('/');
  if (fileParts.length < patternParts.length) return undefined;
  for (const [index, part] of patternParts.entries()) {
    const name = fileParts[index] ?? '';
    if (/[*?[]/.test(part)) {
      if (!segmentRegExp(part).test(name)) return undefined;
    } else if (part !== name) return undefined;
  }
  // A glob that matched a folder copies that folder's contents, like a plain folder source.
  return { rest: fileParts.slice(patternParts.length).join('/') };
}

/** Go's filepath.Match for one path segment: *, ?, [a-z], [^a]. */
function segmentRegExp(part: string): RegExp {
  let out = '';
  for (let i = 0; i < part.length; i += 1) {
    const char = part[i] ?? '';
    if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '[') {
      const end = part.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = part
          .slice(i + 1, end)
          .replace(/^\^/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (char === '\\' && i + 1 < part.length) {
      out += escapeRegExp(part[i + 1] ?? '');
      i += 1;
    } else out += escapeRegExp(char);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One matcher per pattern list, kept while the copy lives: a burst asks it for every file. */
const matchers = new WeakMap<readonly string[], Ignore>();

function excluded(patterns: readonly string[], file: string): boolean {
  let matcher = matchers.get(patterns);
  if (matcher === undefined) {
    matcher = dockerignoreModule.default({ ignorecase: false }).add([...patterns]);
    matchers.set(patterns, matcher);
  }
  return matcher.ignores(file);
}
