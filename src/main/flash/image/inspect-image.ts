// SPDX-License-Identifier: Apache-2.0
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import type * as ImageFs from 'balena-image-fs';
import { BufferDisk, FileDisk, type Disk } from 'file-disk';
import { getPartitions, type GetPartitionsResult } from 'partitioninfo';
import type { ImageInfo, ImagePartition } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/error-core.js';
import { isExtSuperblock, parseFatBootSector } from './fat-boot-sector.js';
import { releaseFilesPromptly } from './fat-release.js';
import { findBmap } from './find-bmap.js';
import { findBootPartition, type BootCandidate } from './find-boot-partition.js';
import { isUrl } from '../../../shared/is-url.js';
import { checkLocalFile } from './local-file.js';

const MiB = 1024 * 1024;
/** Compressed images are read from the start only; a boot partition further in is not looked at. */
const MAX_HEAD = 512 * MiB;
const SECRET_KEYS = /psk|password|apikey|token|secret/i;

async function readAt(disk: Disk, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await disk.read(buffer, 0, length, offset);
  return buffer.subarray(0, bytesRead);
}

function typeOf(
  table: GetPartitionsResult['type'],
  partition: GetPartitionsResult['partitions'][number],
): string {
  return table === 'mbr'
    ? `0x${(partition.type as number).toString(16).padStart(2, '0')}`
    : String(partition.type).toLowerCase();
}

/**
 * balena-image-fs loads ext2fs and fatfs as it loads (a tenth of a second of CPU): only an
 * inspection that looks into a boot partition loads it.
 */
const interact: typeof ImageFs.interact = async (...args) => {
  // A CommonJS module: its exports are `default` in the CLI's bundle, named ones in Node.
  const loaded = (await import('balena-image-fs')) as typeof ImageFs & { default?: typeof ImageFs };
  return (loaded.default ?? loaded).interact(...args);
};

async function listRoot(disk: Disk, index: number): Promise<string[]> {
  return interact(disk, index, async (fs) => promisify(releaseFilesPromptly(fs).readdir)('/')).then(
    (names) => names.map((name) => String(name).toLowerCase()),
    () => [],
  );
}

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEYS.test(key) ? '***' : redactSecrets(inner),
      ]),
    );
  }
  return value;
}

export async function readBootConfig(
  disk: Disk,
  index: number,
): Promise<Record<string, unknown> | undefined> {
  const text = await interact(disk, index, async (fs) =>
    promisify(releaseFilesPromptly(fs).readFile)('/config.json'),
  ).then(
    (buffer) => buffer.toString('utf8'),
    () => undefined,
  );
  if (text === undefined) return undefined;
  const parsed = JSON.parse(text) as unknown;
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
}

/** Describes partitions read from any Disk: an image file, a decompressed head, or a drive. */
export async function describePartitions(disk: Disk, available = Infinity, boot = true) {
  const table = await getPartitions(disk, { includeExtended: false }).catch(() => undefined);
  if (!table || table.partitions.length === 0) {
    return { table: 'none' as const, partitions: [], candidates: [] as BootCandidate[] };
  }
  const candidates: BootCandidate[] = [];
  for (const entry of table.partitions) {
    const head = await readAt(disk, entry.offset, 2048).catch(() => Buffer.alloc(0));
    const fat = parseFatBootSector(head.subarray(0, 512));
    const partition: ImagePartition = {
      index: entry.index,
      offset: entry.offset,
      size: entry.size,
      type: typeOf(table.type, entry),
      filesystem: fat ? 'fat' : isExtSuperblock(head) ? 'ext' : 'unknown',
    };
    if ('name' in entry && entry.name) partition.name = entry.name;
    if (fat?.label) partition.label = fat.label;
    const whole = entry.offset + entry.size <= available;
    const files = boot && fat && whole ? await listRoot(disk, entry.index) : [];
    candidates.push({ partition, files });
  }
  return { table: table.type, partitions: candidates.map((c) => c.partition), candidates };
}

const isIso9660 = (head: Buffer): boolean =>
  head.subarray(0x8001, 0x8006).toString('latin1') === 'CD001';

type Opened = Pick<ImageInfo, 'format' | 'size' | 'sizeIsEstimated' | 'compressedSize'>;

/** The partitions, boot partition, config and bmap of an image read through `disk`. */
async function describeImage(
  image: string,
  opened: Opened,
  disk: Disk,
  available: number,
  boot: boolean,
): Promise<ImageInfo> {
  const described = await describePartitions(disk, available, boot);
  if (described.table === 'none') {
    const start = await readAt(disk, 0, 0x8006).catch(() => Buffer.alloc(0));
    if (!isIso9660(start)) {
      throw new BenchtopError(
        'NOT_AN_IMAGE',
        `${image} is not a disk image: it has no MBR or GPT partition table and no ISO 9660 filesystem.`,
      );
    }
  }
  const found = boot
    ? findBootPartition(described.candidates)
    : { partition: undefined, reason: 'not looked for: no configuration was asked for' };
  const info: ImageInfo = {
    path: image,
    format: opened.format,
    size: opened.size,
    sizeIsEstimated: opened.sizeIsEstimated,
    partitionTable: described.table,
    partitions: described.partitions,
    bootReason: found.reason,
  };
  if (opened.compressedSize !== undefined) info.compressedSize = opened.compressedSize;
  if (found.partition) {
    info.bootPartition = found.partition;
    const config = await readBootConfig(disk, found.partition.index).catch(() => undefined);
    if (config) info.config = redactSecrets(config) as Record<string, unknown>;
  }
  const bmap = await findBmap(image);
  if (bmap) info.bmap = bmap;
  return info;
}

/**
 * A raw local image (the common case before a flash, and every flash with a bmap) is read as
 * a plain file: etcher-sdk is not loaded for it.
 */
async function inspectRawFile(image: string, size: number, boot: boolean): Promise<ImageInfo> {
  const handle = await open(image, 'r');
  try {
    const opened = { format: 'raw', size, sizeIsEstimated: false } as const;
    return await describeImage(image, opened, new FileDisk(handle, true), Infinity, boot);
  } finally {
    await handle.close();
  }
}

/** A compressed image or a URL, through etcher-sdk (loaded only for these). */
async function inspectOpened(image: string, boot: boolean): Promise<ImageInfo> {
  const [{ openImage }, { HeadReader }, { loadConfigured }] = await Promise.all([
    import('./open-image.js'),
    import('./read-head.js'),
    import('../etcher/configured.js'),
  ]);
  const opened = await openImage(image);
  let head: InstanceType<typeof HeadReader> | undefined;
  try {
    let disk: Disk;
    let available = Infinity;
    if (await opened.inner.canRead()) {
      disk = new (await loadConfigured()).SourceDisk(opened.inner);
    } else {
      head = new HeadReader(await opened.inner.createReadStream(), image);
      const first = await head.read(MiB);
      const table = await getPartitions(first, { includeExtended: false }).catch(() => undefined);
      const fatEnds = (table?.partitions ?? [])
        .map((p) => p.offset + p.size)
        .filter((end) => end <= MAX_HEAD);
      const buffer = await head.read(Math.max(MiB, ...fatEnds));
      available = buffer.length;
      disk = new BufferDisk(buffer, true);
    }
    return await describeImage(image, { ...opened, size: opened.size ?? 0 }, disk, available, boot);
  } finally {
    await head?.close();
    await opened.close();
  }
}

/**
 * What an image is, before anything is written: format, sizes, table, boot partition, config.
 * `boot: false` (a flash that configures nothing) leaves out the boot partition and its
 * config.json, and with them the filesystem readers' load.
 */
export async function inspectImage(
  image: string,
  options: { boot?: boolean } = {},
): Promise<ImageInfo> {
  const boot = options.boot ?? true;
  try {
    if (!isUrl(image)) {
      const local = await checkLocalFile(image);
      if (!local.compressed) return await inspectRawFile(image, local.size, boot);
    }
    return await inspectOpened(image, boot);
  } catch (error) {
    if (isUrl(image) && !(error instanceof BenchtopError))
      throw (await import('./open-image.js')).downloadError(image, error);
    throw error;
  }
}
