// SPDX-License-Identifier: Apache-2.0
// A folder that appears with files already in it (a checkout, an unpacked archive, a script
// writing many files at once) can lose file events: chokidar lists the new folder and then
// starts watching it, and a file written between the two is never reported. So a batch holding
// a new folder also takes in what is in that folder on disk now. A file that is reported
// anyway is copied twice, which costs little; a file never copied is a wrong board.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FileChange } from '../sync-plan.js';

/** Every file and folder under `folder` (relative to `root`, forward slashes) not ignored. */
async function contents(
  root: string,
  folder: string,
  ignored: (relative: string) => boolean,
): Promise<FileChange[]> {
  const found: FileChange[] = [];
  const entries = await readdir(path.join(root, folder), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const relative = `${folder}/${entry.name}`;
    if (ignored(relative)) continue;
    if (entry.isDirectory()) {
      found.push({ path: relative, kind: 'addDir' });
      found.push(...(await contents(root, relative, ignored)));
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      found.push({ path: relative, kind: 'add' });
    }
  }
  return found;
}

/** `batch` with what its new folders hold on disk now, each path once. */
export async function withNewFolderContents(
  root: string,
  batch: readonly FileChange[],
  ignored: (relative: string) => boolean,
): Promise<FileChange[]> {
  const folders = batch.filter((change) => change.kind === 'addDir');
  if (folders.length === 0) return [...batch];
  const seen = new Set(batch.map((change) => change.path));
  const added: FileChange[] = [];
  for (const folder of folders)
    for (const change of await contents(root, folder.path, ignored))
      if (!seen.has(change.path)) {
        seen.add(change.path);
        added.push(change);
      }
  return [...batch, ...added];
}
