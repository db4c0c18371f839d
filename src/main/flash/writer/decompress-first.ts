// SPDX-License-Identifier: Apache-2.0
// A compressed image (or a download) is copied to a temporary raw file first when there is
// room: a damaged archive or a cut connection is then found before any card is touched, and
// the raw copy can be trimmed and read again for verification.
import { rm, statfs } from 'node:fs/promises';
import type { OpenedImage } from '../image/open-image.js';
import type { WriterOutput } from './protocol.js';
import type { PrivateTemp } from './private-temp.js';
import { sourceError, watchRoot } from './source-error.js';

export async function decompressFirst(
  image: OpenedImage,
  url: string,
  temp: PrivateTemp,
  send: (message: WriterOutput) => void,
): Promise<{ path: string; size: number } | undefined> {
  const free = await statfs(temp.dir).then(
    (info) => info.bavail * info.bsize,
    () => 0,
  );
  const needed = image.size ?? (image.compressedSize ?? 0) * 10;
  if (needed * 1.1 + 256 * 1024 * 1024 > free) return undefined;
  const phase = image.format === 'raw' ? 'downloading' : 'decompressing';
  const { path, handle } = await temp.create(`${phase}.img`);
  send({ type: 'phase', phase });
  try {
    const input = await image.inner.createReadStream();
    const output = handle.createWriteStream();
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      input.on('data', (chunk: Buffer) => {
        done += chunk.length;
        send({ type: 'progress', phase, done, ...(image.size ? { total: image.size } : {}) });
      });
      output.on('finish', resolve);
      output.on('error', reject);
      input.on('error', reject);
      watchRoot(input, reject);
      input.pipe(output);
    });
    return { path, size: done };
  } catch (error) {
    await rm(path, { force: true });
    throw sourceError(url, error as Error, 'Nothing was written.');
  } finally {
    await handle.close().catch(() => undefined);
  }
}
