// SPDX-License-Identifier: Apache-2.0
// How block devices sit on one another, as the kernel links them, and the two questions the
// safety rules ask of it: which drives hold the running system, and what a path lives on.
// Pure: the facts are read elsewhere (read-block-topology.ts), so recorded ones can be tested.

/** Block devices by kernel name (sda, nvme0n1p2, dm-0, loop3). */
export interface BlockTopology {
  /**
   * What each device is made from: a partition its disk, a device-mapper or md device its
   * slaves, a loop device whatever holds its backing file.
   */
  parents: Record<string, readonly string[]>;
  /** Every mount and the devices under it (an overlay: those of its upper and lower dirs). */
  mounts: readonly { mountpoint: string; devices: readonly string[] }[];
  /** Devices that hold swap (a swap partition, or the filesystem of a swap file). */
  swaps: readonly string[];
}

/** Mount points whose loss breaks the running computer. */
export const SYSTEM_MOUNTS = [
  '/',
  '/boot',
  '/boot/efi',
  '/boot/firmware',
  '/efi',
  '/usr',
  '/var',
] as const;

/** The devices given and everything they are made from, down to whole disks. */
export function chainOf(names: readonly string[], topology: BlockTopology): string[] {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...(topology.parents[name] ?? []));
  }
  return [...seen];
}

/** Every device under the system's own mounts and swap: none of them may be written. */
export function systemDevices(topology: BlockTopology): Set<string> {
  const system = topology.mounts
    .filter((mount) => (SYSTEM_MOUNTS as readonly string[]).includes(mount.mountpoint))
    .flatMap((mount) => mount.devices);
  return new Set(chainOf([...system, ...topology.swaps], topology));
}

/** Where a device is mounted, directly or through what is built on it (a partition, a loop). */
export function mountpointsOn(name: string, topology: BlockTopology): string[] {
  return topology.mounts
    .filter((mount) => chainOf(mount.devices, topology).includes(name))
    .map((mount) => mount.mountpoint);
}
