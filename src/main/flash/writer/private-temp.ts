// SPDX-License-Identifier: Apache-2.0
// The writer runs as root: a temporary file at a name others can guess would let any local user
// plant a symlink there and have root overwrite what it points to, or read the image (and the
// config.json keys in it). So every temporary file of a run lives in one private folder (0700,
// random name) inside the engine's TMPDIR, is created 0600 and exclusively, and the folder goes
// when the writer exits, however it exits. Folders of runs killed outright go at the next start.
import { constants, rmSync } from 'node:fs';
import { chmod, lstat, mkdtemp, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from '../../host/process-alive.js';

const PREFIX = 'benchtop-writer-';

export interface PrivateTemp {
  readonly dir: string;
  /** A new file in the folder, 0600, never one that exists already (nor a planted link). */
  create(name: string): Promise<{ path: string; handle: FileHandle }>;
  remove(): Promise<void>;
}

export function openExclusive(path: string): Promise<FileHandle> {
  const flags = constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | constants.O_WRONLY;
  return open(path, flags, 0o600);
}

/** Removes the folders of writers that are gone; only real folders that this user owns. */
export async function removeStale(parent: string): Promise<void> {
  const uid = process.getuid?.();
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || isProcessAlive(pid)) continue;
    const path = join(parent, name);
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
    await rm(path, { recursive: true, force: true });
  }
}

export async function makePrivateTemp(parent: string): Promise<PrivateTemp> {
  await removeStale(parent);
  const dir = await mkdtemp(join(parent, `${PREFIX}${process.pid}-`));
  await chmod(dir, 0o700);
  let removed = false;
  const removeNow = (): void => {
    if (removed) return;
    removed = true;
    rmSync(dir, { recursive: true, force: true });
  };
  // process.exit() skips every finally: the folder must still go on cancel or a closed stdin.
  process.once('exit', removeNow);
  return {
    dir,
    async create(name) {
      const path = join(dir, name);
      return { path, handle: await openExclusive(path) };
    },
    async remove() {
      process.removeListener('exit', removeNow);
      removed = true;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
