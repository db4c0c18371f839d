// SPDX-License-Identifier: Apache-2.0
// A batch's files as one tar, extracted at / in the container by one putArchive (the engine
// makes missing parent folders). Each file is read whole before its header is written: an
// editor still writing it would otherwise leave a header whose size the content no longer has.
import { lstat, readFile, readlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pack as createPack, type Pack } from 'tar-stream';

type Header = Parameters<Pack['entry']>[0];

export interface CopyEntry {
  readonly from: string;
  readonly to: string;
}

/** The tar of `entries`; files gone since the event are left out and listed in `missing`. */
export async function createCopyArchive(
  entries: readonly CopyEntry[],
): Promise<{ tar: Buffer; copied: number; missing: string[] }> {
  const pack = createPack();
  const chunks: Buffer[] = [];
  const collected = new Promise<Buffer>((resolve, reject) => {
    Readable.from(pack)
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
  let copied = 0;
  const missing: string[] = [];
  for (const entry of entries) {
    const written = await addEntry(pack, entry);
    if (written) copied += 1;
    else missing.push(entry.from);
  }
  pack.finalize();
  return { tar: await collected, copied, missing };
}

async function addEntry(pack: Pack, entry: CopyEntry): Promise<boolean> {
  const name = entry.to.replace(/^\/+/, '');
  try {
    const stats = await lstat(entry.from);
    const base: Header = { name, mode: stats.mode & 0o7777, mtime: stats.mtime };
    if (stats.isSymbolicLink()) {
      await write(pack, { ...base, type: 'symlink', linkname: await readlink(entry.from) });
    } else if (stats.isDirectory()) {
      await write(pack, { ...base, type: 'directory' });
    } else {
      await write(pack, { ...base, type: 'file' }, await readFile(entry.from));
    }
    return true;
  } catch (error) {
    // Deleted (or replaced by a folder) after the event: its own event follows.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return false;
    throw error;
  }
}

function write(pack: Pack, header: Header, content?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error | null): void => (error ? reject(error) : resolve());
    if (content === undefined) pack.entry(header, done);
    else pack.entry(header, content, done);
  });
}
