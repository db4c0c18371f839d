// SPDX-License-Identifier: Apache-2.0
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Unmounts the deepest mount points first; returns what went wrong, if anything. */
export async function unmountAll(mountpoints: readonly string[]): Promise<string | undefined> {
  for (const mountpoint of [...mountpoints].sort((a, b) => b.length - a.length)) {
    const failed = await execFileAsync('umount', [mountpoint]).then(
      () => undefined,
      (error: Error & { stderr?: string }) => (error.stderr ?? error.message).trim(),
    );
    if (failed) return failed;
  }
  return undefined;
}
