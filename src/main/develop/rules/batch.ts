// SPDX-License-Identifier: Apache-2.0
// A batch of watcher events as the last state of each path: a file added then deleted is a
// delete, and a folder deleted after files inside it changed takes those changes with it.
import type { FileChange } from '../sync-plan.js';

export function lastStates(changes: readonly FileChange[]): FileChange[] {
  const state = new Map<string, FileChange['kind']>();
  for (const change of changes) {
    const file = normalize(change.path);
    if (file === '') continue;
    if (change.kind === 'unlinkDir') {
      const prefix = `${file}/`;
      for (const key of [...state.keys()]) if (key.startsWith(prefix)) state.delete(key);
    }
    const before = state.get(file);
    // Re-inserting moves the path to the end: the batch keeps the order of last changes.
    state.delete(file);
    state.set(file, merged(before, change.kind));
  }
  return [...state.entries()].map(([path, kind]) => ({ path, kind }));
}

/** An add followed by changes is still an add; anything followed by a delete is a delete. */
function merged(
  before: FileChange['kind'] | undefined,
  after: FileChange['kind'],
): FileChange['kind'] {
  return before === 'add' && after === 'change' ? 'add' : after;
}

/** Project-relative, forward slashes, no leading "./" or trailing "/". */
export function normalize(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/\/{2,}/g, '/');
}
