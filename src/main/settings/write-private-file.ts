// SPDX-License-Identifier: Apache-2.0
// Benchtop's files that carry secrets (the server token, manifests with uuids and keys).
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes `text` to `path` readable by this user only (0600). A fresh file swapped in by rename:
 * writing over an old file would keep its older, looser mode, and a reader never sees half of
 * it. The temporary name is random, in the same folder (so the rename is atomic), and opened
 * exclusively, so it follows no link planted there.
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.benchtop-${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
  await rename(temp, path).catch(async (error: unknown) => {
    await rm(temp, { force: true });
    throw error;
  });
}
