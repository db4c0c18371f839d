// SPDX-License-Identifier: Apache-2.0
import type { ImagePartition } from '../../../shared/contract/index.js';

/** What we looked at for each partition to decide which one is the boot partition. */
export interface BootCandidate {
  partition: ImagePartition;
  /** Files in the root directory of a FAT partition (lower case). */
  files: string[];
}

const BOOT_LABELS = ['resin-boot', 'balena-boot'];
const FAT_MBR_TYPES = ['0x0b', '0x0c', '0x0e'];
const GPT_BOOT_TYPES = [
  'c12a7328-f81f-11d2-ba4b-00a0c93ec93b', // EFI system
  'ebd0a0a2-b9e5-4433-87c0-68b6b72699c7', // Microsoft basic data
];
const BALENA_BOOT_FILES = ['config.json', 'device-type.json', 'os-release'];

export function holdsBalenaBootFiles(files: readonly string[]): boolean {
  return files.some((file) => BALENA_BOOT_FILES.includes(file) || file.endsWith('.fingerprint'));
}

/**
 * By what the partition is, not one type code: a FAT filesystem labelled resin-boot or
 * balena-boot first; else a FAT partition of a FAT type (MBR) or EFI/basic-data type (GPT)
 * that holds balenaOS boot files. Boards' boot partitions differ in type code across device
 * types and OS versions, which is why a single code is not enough.
 */
export function findBootPartition(candidates: readonly BootCandidate[]): {
  partition: ImagePartition | undefined;
  reason: string;
} {
  const fat = candidates.filter((c) => c.partition.filesystem === 'fat');
  const labelled = fat.find((c) => BOOT_LABELS.includes((c.partition.label ?? '').toLowerCase()));
  if (labelled) {
    return {
      partition: labelled.partition,
      reason: `partition ${labelled.partition.index} is a FAT filesystem labelled ${labelled.partition.label}`,
    };
  }
  const typed = fat.find(
    (c) =>
      (FAT_MBR_TYPES.includes(c.partition.type) ||
        GPT_BOOT_TYPES.includes(c.partition.type.toLowerCase())) &&
      holdsBalenaBootFiles(c.files),
  );
  if (typed) {
    return {
      partition: typed.partition,
      reason: `partition ${typed.partition.index} (type ${typed.partition.type}) is FAT and holds balenaOS boot files`,
    };
  }
  if (candidates.length === 0)
    return { partition: undefined, reason: 'the image has no partitions' };
  if (fat.length === 0)
    return { partition: undefined, reason: 'no partition holds a FAT filesystem' };
  return {
    partition: undefined,
    reason: `FAT partition(s) ${fat.map((c) => c.partition.index).join(', ')} hold no balenaOS boot files and are not labelled resin-boot/balena-boot`,
  };
}
