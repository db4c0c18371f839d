// SPDX-License-Identifier: Apache-2.0
// What a local image file is, from its first bytes and its name, without loading etcher-sdk: a
// raw image is inspected without it (inspect-image.ts), which saves the engine a third of a
// second of loading before a flash; compressed ones go through open-image.ts.
import { open, stat } from 'node:fs/promises';
import { BenchtopError } from '../../../shared/error-core.js';

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

const BZIP2_MAGIC = 'BZh';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export const isBzip2 = (head: Buffer): boolean =>
  head.subarray(0, 3).toString('latin1') === BZIP2_MAGIC &&
  /[1-9]/.test(String.fromCharCode(head[3] ?? 0));

const startsWith = (head: Buffer, magic: number[]): boolean =>
  magic.every((byte, i) => head[i] === byte);

/**
 * Whether a local file may be compressed, by its first bytes or its name: only then are
 * etcher-sdk's compressed sources loaded (a raw image is flashed without them).
 */
export function mayBeCompressed(path: string, head: Buffer): boolean {
  return (
    isBzip2(head) ||
    startsWith(head, [0x1f, 0x8b]) ||
    startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) ||
    startsWith(head, [0x50, 0x4b]) ||
    /\.(gz|tgz|xz|txz|bz2|tbz2?|zip|lzma)$/i.test(path)
  );
}

export async function checkLocalFile(
  path: string,
): Promise<{ size: number; bzip2: boolean; zip: boolean; compressed: boolean }> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new BenchtopError('NOT_FOUND', `There is no image at ${path}.`);
    if (error.code === 'EACCES')
      throw new BenchtopError('PERMISSION_DENIED', `Cannot read ${path}: permission denied.`);
    throw error;
  });
  if (!info.isFile())
    throw new BenchtopError('NOT_AN_IMAGE', `${path} is not a file (it is a directory or device).`);
  if (info.size === 0) throw new BenchtopError('NOT_AN_IMAGE', `${path} is empty.`);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(6);
  await handle.read(head, 0, 6, 0).finally(() => handle.close());
  if (ZSTD_MAGIC.every((byte, i) => head[i] === byte)) {
    throw new BenchtopError(
      'NOT_AN_IMAGE',
      `${path} is zstd-compressed, which the image library cannot read; run \`zstd -d ${path}\` and flash the result.`,
    );
  }
  return {
    size: info.size,
    bzip2: isBzip2(head),
    zip: startsWith(head, ZIP_MAGIC),
    compressed: mayBeCompressed(path, head),
  };
}
