// SPDX-License-Identifier: Apache-2.0
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { FileDisk } from 'file-disk';

const run = promisify(execFile);

/** file-disk's FileDisk asks fstat for the size, which is 0 for a block device. */
class SizedDisk extends FileDisk {
  constructor(
    handle: ConstructorParameters<typeof FileDisk>[0],
    private readonly size: number,
    readOnly: boolean,
  ) {
    super(handle, readOnly);
  }

  protected override async _getCapacity(): Promise<number> {
    return this.size;
  }
}

/** Opens a drive (or image file) as a Disk, for balena-image-fs and partitioninfo. */
export async function withDeviceDisk<T>(
  device: string,
  size: number,
  mode: 'r' | 'r+',
  fn: (disk: FileDisk) => Promise<T>,
): Promise<T> {
  const handle = await open(device, mode);
  try {
    const result = await fn(new SizedDisk(handle, size, mode === 'r'));
    if (mode === 'r+') await handle.sync();
    return result;
  } finally {
    await handle.close();
  }
}

/**
 * Drops the kernel's cached blocks of a drive, so what we read next comes from the card and
 * not from memory (a card that lost a write must not look fine). Harmless on files.
 */
export async function dropCaches(device: string): Promise<void> {
  if (!device.startsWith('/dev/')) return;
  await run('blockdev', ['--flushbufs', device]).catch(() => undefined);
}
