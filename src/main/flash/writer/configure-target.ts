// SPDX-License-Identifier: Apache-2.0
import { posix } from 'node:path';
import { promisify } from 'node:util';
import { interact } from 'balena-image-fs';
import { BenchtopError } from '../../../shared/error-core.js';
import { dropCaches, withDeviceDisk } from './device-disk.js';

export interface FileToWrite {
  path: string;
  content: string;
}

/**
 * Writes files into the boot partition of a written card, by the partition table now on the
 * card: works the same whatever the source was (compressed, streamed), because the card is
 * random-access even when the image was not.
 */
export async function writeBootFiles(
  device: string,
  size: number,
  partition: number,
  files: readonly FileToWrite[],
): Promise<void> {
  await withDeviceDisk(device, size, 'r+', (disk) =>
    interact(disk, partition, async (fs) => {
      const mkdir = promisify(fs.mkdir);
      const writeFile = promisify(fs.writeFile);
      for (const file of files) {
        const dir = posix.dirname(`/${file.path}`);
        if (dir !== '/') await mkdir(dir).catch(() => undefined);
        await writeFile(`/${file.path}`, file.content);
      }
    }),
  ).catch((error: Error) => {
    throw new BenchtopError(
      'NO_BOOT_PARTITION',
      `Could not write the configuration into partition ${partition} of ${device}: ${error.message}.`,
    );
  });
}

/** Reads the files back from the card itself (caches dropped) and says whether all match. */
export async function readBackBootFiles(
  device: string,
  size: number,
  partition: number,
  files: readonly FileToWrite[],
): Promise<boolean> {
  await dropCaches(device);
  return withDeviceDisk(device, size, 'r', (disk) =>
    interact(disk, partition, async (fs) => {
      const readFile = promisify(fs.readFile);
      for (const file of files) {
        const content = await readFile(`/${file.path}`).then(
          (buffer) => buffer.toString('utf8'),
          () => undefined,
        );
        if (content !== file.content) return false;
      }
      return true;
    }),
  );
}
