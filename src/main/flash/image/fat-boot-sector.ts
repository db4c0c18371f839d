// SPDX-License-Identifier: Apache-2.0

export interface FatBootSector {
  bits: 12 | 16 | 32;
  /** Volume label from the boot sector; undefined when it says NO NAME. */
  label: string | undefined;
}

/**
 * Reads a FAT volume boot record. FAT12/16 keep the filesystem type at byte 54 and the label
 * at 43; FAT32 moves both 28 bytes on (82 and 71). mkfs.vfat writes "NO NAME" when unlabelled.
 */
export function parseFatBootSector(sector: Uint8Array): FatBootSector | undefined {
  if (sector.length < 512 || sector[510] !== 0x55 || sector[511] !== 0xaa) return undefined;
  const text = (start: number, length: number): string =>
    String.fromCharCode(...sector.subarray(start, start + length));
  const bytesPerSector = (sector[11] ?? 0) | ((sector[12] ?? 0) << 8);
  if (![512, 1024, 2048, 4096].includes(bytesPerSector)) return undefined;
  let bits: FatBootSector['bits'] | undefined;
  let labelAt = 43;
  if (text(82, 5) === 'FAT32') {
    bits = 32;
    labelAt = 71;
  } else if (text(54, 5) === 'FAT16') bits = 16;
  else if (text(54, 5) === 'FAT12') bits = 12;
  if (bits === undefined) return undefined;
  const raw = text(labelAt, 11).trim();
  return { bits, label: raw === '' || raw === 'NO NAME' ? undefined : raw };
}

/** ext2/3/4 superblock magic 0xEF53 sits 1080 bytes into the partition. */
export function isExtSuperblock(bytes: Uint8Array, offset = 1080): boolean {
  return bytes[offset] === 0x53 && bytes[offset + 1] === 0xef;
}
