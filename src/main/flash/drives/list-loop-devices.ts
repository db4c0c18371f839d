// SPDX-License-Identifier: Apache-2.0
// drivelist does not report loop devices; /sys/block does, with size, read-only flag and the
// backing file. Only attached ones (size > 0) are drives.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SysBlockDevice {
  name: string;
  device: string;
  size: number;
  readOnly: boolean;
  removable: boolean;
  backingFile: string | undefined;
  serial: string | undefined;
  model: string | undefined;
}

const readText = (path: string): Promise<string | undefined> =>
  readFile(path, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );

/** One block device as /sys/block describes it, or undefined if there is no such device. */
export async function readSysBlock(
  name: string,
  root = '/sys/block',
): Promise<SysBlockDevice | undefined> {
  const dir = join(root, name);
  const sectors = await readText(join(dir, 'size'));
  if (sectors === undefined) return undefined;
  return {
    name,
    device: `/dev/${name}`,
    // /sys/block/*/size counts 512-byte sectors whatever the device's real sector size.
    size: Number(sectors) * 512,
    readOnly: (await readText(join(dir, 'ro'))) === '1',
    removable: (await readText(join(dir, 'removable'))) === '1',
    backingFile: await readText(join(dir, 'loop', 'backing_file')),
    serial:
      (await readText(join(dir, 'device', 'serial'))) ??
      (await readText(join(dir, 'device', 'wwid'))),
    model: await readText(join(dir, 'device', 'model')),
  };
}

export async function listLoopDevices(root = '/sys/block'): Promise<SysBlockDevice[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const devices = await Promise.all(
    names.filter((name) => /^loop\d+$/.test(name)).map((name) => readSysBlock(name, root)),
  );
  return devices
    .filter((device): device is SysBlockDevice => device !== undefined && device.size > 0)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** The whole drive a partition node belongs to (/dev/sdb1 → /dev/sdb, /dev/mmcblk0p2 → …0). */
export function diskOf(device: string): string {
  return device
    .replace(/^(\/dev\/(?:loop\d+|mmcblk\d+|nvme\d+n\d+))p\d+$/, '$1')
    .replace(/^(\/dev\/(?:sd|vd|hd|xvd)[a-z]+)\d+$/, '$1');
}

/** Mount points per device path, from /proc/mounts (partitions count for their disk). */
export async function readMounts(path = '/proc/mounts'): Promise<Map<string, string[]>> {
  const text = (await readText(path)) ?? '';
  const mounts = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const [source, target] = line.split(' ');
    if (!source?.startsWith('/dev/') || target === undefined) continue;
    const disk = diskOf(source);
    mounts.set(disk, [...(mounts.get(disk) ?? []), target.replace(/\\040/g, ' ')]);
  }
  return mounts;
}
