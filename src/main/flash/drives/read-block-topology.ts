// SPDX-License-Identifier: Apache-2.0
// Reads the block topology from /sys and /proc: cheap (a few small files per device), so the
// writer can look again for itself right before it opens a drive.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { chainOf, type BlockTopology } from './block-topology.js';

const readText = (path: string): Promise<string | undefined> =>
  readFile(path, 'utf8').then(
    (text) => text,
    () => undefined,
  );

/** Kernel name of the block device with this number (254:0 → vda). */
async function nameOfNumber(majorMinor: string, sys: string): Promise<string | undefined> {
  if (majorMinor.startsWith('0:')) return undefined;
  return realpath(join(sys, 'dev/block', majorMinor)).then(basename, () => undefined);
}

const majorMinor = (dev: bigint): string => {
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return `${major}:${minor}`;
};

/** A block device: itself; any other path: the device of the filesystem it is on. */
export async function deviceNameOf(path: string, sys = '/sys'): Promise<string | undefined> {
  const info = await stat(path, { bigint: true }).catch(() => undefined);
  if (!info) return undefined;
  return nameOfNumber(majorMinor(info.isBlockDevice() ? info.rdev : info.dev), sys);
}

async function parentsOf(name: string, sys: string): Promise<string[]> {
  const dir = await realpath(join(sys, 'class/block', name)).catch(() => undefined);
  if (!dir) return [];
  const parents: string[] = [];
  if ((await readText(join(dir, 'partition'))) !== undefined) parents.push(basename(dirname(dir)));
  parents.push(...(await readdir(join(dir, 'slaves')).catch(() => [] as string[])));
  const backing = (await readText(join(dir, 'loop/backing_file')))?.trim();
  if (backing) {
    const holder = await deviceNameOf(backing.replace(/ \(deleted\)$/, ''), sys);
    if (holder) parents.push(holder);
  }
  return parents;
}

const unescape = (field: string): string =>
  field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

async function mountDevices(fields: string[], sys: string): Promise<string[]> {
  const [, , number = ''] = fields;
  const dash = fields.indexOf('-');
  const source = fields[dash + 2] ?? '';
  const options = fields[dash + 3] ?? '';
  const direct =
    (await nameOfNumber(number, sys)) ??
    (source.startsWith('/dev/') ? await deviceNameOf(source, sys) : undefined);
  if (direct) return [direct];
  // An overlay (a live system's root) lives on the filesystems of its layers.
  const layers = options
    .split(',')
    .filter((option) => /^(upperdir|lowerdir)=/.test(option))
    .flatMap((option) => option.slice(option.indexOf('=') + 1).split(':'));
  const names = await Promise.all(layers.map((layer) => deviceNameOf(unescape(layer), sys)));
  return names.filter((name): name is string => name !== undefined);
}

export async function readBlockTopology(sys = '/sys', proc = '/proc'): Promise<BlockTopology> {
  const names = await readdir(join(sys, 'class/block')).catch(() => [] as string[]);
  const parents: Record<string, string[]> = {};
  await Promise.all(names.map(async (name) => (parents[name] = await parentsOf(name, sys))));
  const mountLines = ((await readText(join(proc, 'self/mountinfo'))) ?? '').split('\n');
  const mounts = await Promise.all(
    mountLines
      .map((line) => line.split(' '))
      .filter((fields) => fields.length > 6)
      .map(async (fields) => ({
        mountpoint: unescape(fields[4] ?? ''),
        devices: await mountDevices(fields, sys),
      })),
  );
  const swapFiles = ((await readText(join(proc, 'swaps'))) ?? '')
    .split('\n')
    .slice(1)
    .map((line) => unescape(line.split(/\s+/)[0] ?? ''))
    .filter((path) => path !== '');
  const swaps = await Promise.all(swapFiles.map((path) => deviceNameOf(path, sys)));
  return {
    parents,
    mounts: mounts.filter((mount) => mount.devices.length > 0),
    swaps: swaps.filter((name): name is string => name !== undefined),
  };
}

/** The devices a file's bytes live on, through loop devices and partitions: /dev paths. */
export async function devicesHolding(path: string): Promise<string[]> {
  const name = await deviceNameOf(path);
  if (!name) return [];
  return chainOf([name], await readBlockTopology()).map((device) => `/dev/${device}`);
}
