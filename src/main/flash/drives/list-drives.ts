// SPDX-License-Identifier: Apache-2.0
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as drivelist from 'drivelist';
import type { Drive } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/error-core.js';
import { driveWarnings, type DriveFacts, type ImageFacts } from './drive-constraints.js';
import {
  listLoopDevices,
  readMounts,
  readSysBlock,
  type SysBlockDevice,
} from './list-loop-devices.js';

/** A drive plus what only main needs (the loop's backing file, drivelist's own record). */
export interface DriveRecord extends Drive {
  backingFile?: string | undefined;
  /** drivelist's record, when the drive came from drivelist (etcher-sdk's BlockDevice wants it). */
  raw?: drivelist.Drive;
}

export const toFacts = (drive: DriveRecord): DriveFacts => ({
  device: drive.device,
  size: drive.size,
  system: drive.system,
  readOnly: drive.readOnly,
  mountpoints: drive.mountpoints,
  virtual: drive.virtual,
  backingFile: drive.backingFile,
});

function fromDrivelist(drive: drivelist.Drive, serial: string | undefined): DriveRecord {
  const record: DriveRecord = {
    device: drive.device,
    description: drive.description || basename(drive.device),
    size: drive.size ?? 0,
    removable: drive.isRemovable ?? false,
    system: drive.isSystem ?? false,
    readOnly: drive.isReadOnly ?? false,
    virtual: drive.isVirtual ?? false,
    mountpoints: drive.mountpoints.map((mount) => mount.path),
    source: 'drivelist',
    warnings: [],
    raw: drive,
  };
  if (serial) record.serial = serial;
  return record;
}

function fromSysBlock(device: SysBlockDevice, mounts: Map<string, string[]>): DriveRecord {
  const isLoop = /^loop\d+$/.test(device.name);
  const record: DriveRecord = {
    device: device.device,
    description: isLoop
      ? `Loop device${device.backingFile ? ` (${device.backingFile})` : ''}`
      : (device.model ?? device.name),
    size: device.size,
    removable: device.removable,
    system: false,
    readOnly: device.readOnly,
    virtual: isLoop,
    mountpoints: mounts.get(device.device) ?? [],
    source: isLoop ? 'loop' : 'drivelist',
    warnings: [],
    backingFile: device.backingFile,
  };
  const serial = device.serial ?? (device.backingFile ? `loop:${device.backingFile}` : undefined);
  if (serial) record.serial = serial;
  return record;
}

/**
 * Removable drives first, then the rest; virtual ones (loop, zram) only on request, because
 * nobody flashes a card to them by accident-free intent.
 */
export async function listDrives(options: { showVirtual: boolean }): Promise<DriveRecord[]> {
  const [listed, loops, mounts] = await Promise.all([
    drivelist.list().catch(() => [] as drivelist.Drive[]),
    options.showVirtual ? listLoopDevices() : Promise.resolve([]),
    readMounts(),
  ]);
  const drives = await Promise.all(
    listed
      .filter((drive) => (drive.size ?? 0) > 0)
      .map(async (drive) =>
        fromDrivelist(drive, (await readSysBlock(basename(drive.device)))?.serial),
      ),
  );
  const all = [...drives, ...loops.map((loop) => fromSysBlock(loop, mounts))].filter(
    (drive) => options.showVirtual || !drive.virtual,
  );
  return all.sort(
    (a, b) =>
      Number(b.removable) - Number(a.removable) ||
      Number(a.system) - Number(b.system) ||
      a.device.localeCompare(b.device, 'en', { numeric: true }),
  );
}

/**
 * An explicit target path works whether or not a list shows it: drivelist first (it knows
 * system and removable), then /sys/block. Anything that is not a block device is refused.
 */
export async function describeTarget(path: string): Promise<DriveRecord> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new BenchtopError('NOT_FOUND', `There is no drive at ${path}.`);
  if (!info.isBlockDevice())
    throw new BenchtopError('UNSAFE_TARGET', `${path} is not a block device (a drive or card).`);
  const device = await realpath(path);
  // drivelist never lists loop devices (and asking it takes lsblk's time): go to /sys.
  const loop = /^loop\d+$/.test(basename(device))
    ? await readSysBlock(basename(device))
    : undefined;
  if (loop) return fromSysBlock(loop, await readMounts());
  const listed = (await listDrives({ showVirtual: true })).find(
    (drive) => drive.device === device || drive.raw?.raw === device,
  );
  if (listed) return listed;
  const sys = await readSysBlock(basename(device));
  if (!sys)
    throw new BenchtopError(
      'UNSAFE_TARGET',
      `${path} is not a whole drive (partitions cannot be flashed).`,
    );
  return fromSysBlock(sys, await readMounts());
}

export function withWarnings(drive: DriveRecord, image: ImageFacts): DriveRecord {
  return { ...drive, warnings: driveWarnings(toFacts(drive), image) };
}

/** What crosses the contract: the Drive without main-only fields. */
export function toDrive(drive: DriveRecord): Drive {
  const copy: Partial<DriveRecord> = { ...drive };
  delete copy.backingFile;
  delete copy.raw;
  return copy as Drive;
}
