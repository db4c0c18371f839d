// SPDX-License-Identifier: Apache-2.0
import { z } from 'zod';
import { command } from './define.js';
import { JobRef } from '../jobs.js';
import { LabelText } from './inventory.js';

/** One reason a drive may not (or not without asking) be written. */
export const DriveWarning = z.object({
  code: z.enum([
    'system',
    'source',
    'read-only',
    'too-small',
    'large',
    'mounted',
    'virtual',
    'initialising',
  ]),
  message: z.string(),
  /** 'refuse' blocks the write; 'confirm' needs a second yes; 'info' is only said. */
  severity: z.enum(['refuse', 'confirm', 'info']),
});
export type DriveWarning = z.infer<typeof DriveWarning>;

export const Drive = z.object({
  /** The path to write, e.g. /dev/sdb or /dev/loop3. */
  device: z.string(),
  description: z.string(),
  size: z.number().nonnegative(),
  serial: z.string().optional(),
  removable: z.boolean(),
  system: z.boolean(),
  readOnly: z.boolean(),
  virtual: z.boolean(),
  mountpoints: z.array(z.string()),
  /** 'usbboot' while a Compute Module in rpiboot mode is being turned into a drive. */
  source: z.enum(['drivelist', 'loop', 'usbboot']),
  /** Warnings against the image given to drives.list, if one was. */
  warnings: z.array(DriveWarning),
});
export type Drive = z.infer<typeof Drive>;

export const DrivesListInput = z
  .object({
    showVirtual: z.boolean().default(false),
    /** When given, each drive carries the warnings for writing this image to it. */
    image: z.string().optional(),
  })
  .strict();

export const ImagePartition = z.object({
  index: z.number().int().positive(),
  offset: z.number().nonnegative(),
  size: z.number().nonnegative(),
  /** MBR type as "0x0c", or the GPT type GUID. */
  type: z.string(),
  name: z.string().optional(),
  filesystem: z.enum(['fat', 'ext', 'unknown']),
  label: z.string().optional(),
});
export type ImagePartition = z.infer<typeof ImagePartition>;

export const ImageInfo = z.object({
  path: z.string(),
  format: z.enum(['raw', 'gzip', 'xz', 'bzip2', 'zip', 'zstd']),
  compressedSize: z.number().nonnegative().optional(),
  /** Uncompressed size; estimated for some compressed formats. */
  size: z.number().nonnegative(),
  sizeIsEstimated: z.boolean(),
  partitionTable: z.enum(['mbr', 'gpt', 'none']),
  partitions: z.array(ImagePartition),
  bootPartition: ImagePartition.optional(),
  /** Why this partition was taken for the boot partition, or why none was. */
  bootReason: z.string(),
  /** The config.json already in the boot partition, if any (secrets removed). */
  config: z.record(z.string(), z.unknown()).optional(),
  /** A bmap file beside the image, used for sparse writing. */
  bmap: z.string().optional(),
});
export type ImageInfo = z.infer<typeof ImageInfo>;

// Network values are checked by the engine (shared/network-config-rules.ts), which names
// the field in an INVALID_CONFIG message rather than a schema error.
export const StaticIp = z.object({
  /** The first card's CIDR, e.g. 192.168.1.50/24; each next card takes the next address. */
  address: z.string(),
  gateway: z.string().optional(),
  dns: z.array(z.string()).default([]),
});

/** What to put into each card's boot partition. */
export const FlashConfig = z
  .object({
    /** config.json text; {{uuid}}, {{index}}, {{hostname}} make it a per-card template. */
    template: z.string().optional(),
    /** Hostname; may itself use {{index}} or {{uuid}}. Default: the uuid's first 7 digits. */
    hostname: z.string().optional(),
    deviceType: z.string().optional(),
    developmentMode: z.boolean().optional(),
    persistentLogging: z.boolean().optional(),
    variables: z.record(z.string(), z.string()).optional(),
    /** psk: 8 to 63 printable ASCII characters, or 64 hex digits. */
    wifi: z.object({ ssid: z.string(), psk: z.string() }).optional(),
    staticIp: StaticIp.optional(),
  })
  .strict();
export type FlashConfig = z.infer<typeof FlashConfig>;

/**
 * One card of a cards table (shared/cards-csv.ts reads one from a CSV): where it sits, who it
 * is, and what goes into its config.json besides. The engine checks the values again
 * (shared/card-table.ts), since a table can come from any client.
 */
export const CardEntry = z
  .object({
    /** The table's line the card came from, so a later problem names it. */
    line: z.number().int().positive().optional(),
    slot: z.string().trim().min(1, 'a card needs its slot').max(64),
    hostname: z.string(),
    /** Its static address (CIDR), e.g. 192.168.1.50/24; DHCP without one. */
    address: z.string().optional(),
    labels: z.array(LabelText).max(64).default([]),
    /** The drive to write it to; without one, cards go to the targets in order. */
    target: z.string().optional(),
    /** Extra config.json keys; "true" and "false" are written as booleans. */
    config: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type CardEntry = z.output<typeof CardEntry>;

export const FlashRequest = z
  .object({
    image: z.string().min(1, 'name the image to write'),
    targets: z
      .array(z.string().min(1, 'a drive path, e.g. /dev/sdb'))
      .min(1, 'name at least one drive to write')
      .max(32, 'at most 32 drives at once'),
    verify: z.boolean().default(true),
    config: FlashConfig.optional(),
    /** Write the run's manifest here (JSON; a .csv is written beside it). */
    manifest: z.string().optional(),
    append: z.boolean().default(false),
    /** Replace an existing manifest; without it (or append) an existing one is refused. */
    overwrite: z.boolean().default(false),
    /** The first card's {{index}}. Default: after the manifest's last card when appending, else 1. */
    startIndex: z.number().int().positive().max(1_000_000).optional(),
    /** The second yes for drives larger than 128 GB. */
    confirmLarge: z.boolean().default(false),
    /** One card per target, each with its slot, hostname, address, labels and config. */
    cards: z.array(CardEntry).min(1).max(32).optional(),
  })
  .strict();
export type FlashRequest = z.input<typeof FlashRequest>;

export const ManifestCard = z.object({
  /** The card's {{index}}; absent in manifests of older versions. */
  index: z.number().int().positive().optional(),
  target: z.string(),
  serial: z.string(),
  uuid: z.string(),
  hostname: z.string(),
  /** Its static address (CIDR), when one was given. */
  address: z.string().optional(),
  /** Its slot and labels, when it came from a cards table. */
  slot: z.string().optional(),
  labels: z.array(z.string()).optional(),
  imageChecksum: z.string(),
  verified: z.boolean(),
  configVerified: z.boolean(),
  time: z.string(),
  error: z.string().optional(),
});
export type ManifestCard = z.infer<typeof ManifestCard>;

export const FlashResult = z.object({
  cards: z.array(ManifestCard),
  manifest: z.string().optional(),
  csv: z.string().optional(),
  bytesWritten: z.number().nonnegative(),
  sparse: z.boolean(),
  /** The image written and the device type the cards were configured for, when one was given. */
  image: z.string().optional(),
  deviceType: z.string().optional(),
});
export type FlashResult = z.infer<typeof FlashResult>;

export const flashCommands = {
  'drives.list': command({
    role: 'viewer',
    description: 'Drives that can be flashed (removable first), with warnings per drive',
    input: DrivesListInput,
    result: z.array(Drive),
  }),
  'image.inspect': command({
    // Reads any file the serve may read; only who flashes needs it (stricter than viewer by choice).
    role: 'admin',
    description: 'What an image is: format, sizes, partition table, boot partition, config',
    input: z.object({ image: z.string().min(1) }).strict(),
    result: ImageInfo,
  }),
  'flash.start': command({
    role: 'admin',
    description: 'Write one image to several drives, verify, and configure each card',
    input: FlashRequest,
    result: JobRef,
    job: FlashResult,
  }),
};

export const flashEvents = {
  /** The drive list changed (hot-plug); carries the list without image warnings. */
  'drives.changed': z.array(Drive),
};
