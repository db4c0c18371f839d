// SPDX-License-Identifier: Apache-2.0
// `benchtop users revoke` attaches to the running serve, which closes the user's connections
// at once. This watch covers the rest: the file changed by a CLI that could not attach (run
// with the serve's home by another shell) or by hand. The folder is watched, not the file,
// since each write swaps a new file in by rename.
import { watch } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';

export function watchUsersFile(path: string, onChange: () => void): () => void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const name = basename(path);
  const watcher = watch(dirname(path), (_event, file) => {
    if (file === null || file === name) onChange();
  });
  // A folder removed under us: the serve goes on, checking tokens at each request still.
  watcher.on('error', () => watcher.close());
  return () => watcher.close();
}
