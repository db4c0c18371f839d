// SPDX-License-Identifier: Apache-2.0
// The writer's system-drive rule on drive lists recorded from machines of other shapes than
// this one (laptop with LUKS and LVM, a Raspberry Pi, a live USB stick, a bench PC with cards).
import { describe, expect, it } from 'vitest';
import {
  chainOf,
  mountpointsOn,
  systemDevices,
  type BlockTopology,
} from '../../../src/main/flash/drives/block-topology.js';

const laptop: BlockTopology = {
  parents: {
    nvme0n1: [],
    nvme0n1p1: ['nvme0n1'],
    nvme0n1p2: ['nvme0n1'],
    'dm-0': ['nvme0n1p2'],
    'dm-1': ['dm-0'],
    'dm-2': ['dm-0'],
    sda: [],
    sda1: ['sda'],
  },
  mounts: [
    { mountpoint: '/', devices: ['dm-1'] },
    { mountpoint: '/boot/efi', devices: ['nvme0n1p1'] },
    { mountpoint: '/media/me/CARD', devices: ['sda1'] },
  ],
  swaps: ['dm-2'],
};

const raspberryPi: BlockTopology = {
  parents: { mmcblk0: [], mmcblk0p1: ['mmcblk0'], mmcblk0p2: ['mmcblk0'], sda: [] },
  mounts: [
    { mountpoint: '/', devices: ['mmcblk0p2'] },
    { mountpoint: '/boot/firmware', devices: ['mmcblk0p1'] },
  ],
  swaps: [],
};

// A live system: the root is an overlay on a squashfs loop device whose file is on the stick.
const liveUsb: BlockTopology = {
  parents: { sdb: [], sdb1: ['sdb'], loop0: ['sdb1'], sdc: [], nvme0n1: [] },
  mounts: [
    { mountpoint: '/run/live/medium', devices: ['sdb1'] },
    { mountpoint: '/', devices: ['loop0'] },
  ],
  swaps: [],
};

// A swap file on a data disk counts too: losing it takes the running system down.
const benchPc: BlockTopology = {
  parents: { sda: [], sda1: ['sda'], sdb: [], sdb1: ['sdb'], sdc: [], loop3: ['sdb1'] },
  mounts: [
    { mountpoint: '/', devices: ['sda1'] },
    { mountpoint: '/data', devices: ['sdb1'] },
  ],
  swaps: ['sdb1'],
};

describe('the system drives, on recorded drive lists', () => {
  it('a laptop: the disk under LUKS and LVM is the system; a card reader is not', () => {
    const system = systemDevices(laptop);
    expect(system.has('nvme0n1')).toBe(true);
    expect(system.has('sda')).toBe(false);
  });

  it('a Raspberry Pi: its SD card is the system; a USB drive is not', () => {
    const system = systemDevices(raspberryPi);
    expect(system.has('mmcblk0')).toBe(true);
    expect(system.has('sda')).toBe(false);
  });

  it('a live USB stick: the stick under the loop-mounted root is the system', () => {
    const system = systemDevices(liveUsb);
    expect([...system].sort()).toEqual(['loop0', 'sdb', 'sdb1']);
    expect(system.has('sdc')).toBe(false);
    expect(system.has('nvme0n1')).toBe(false);
  });

  it('a disk holding the swap file is the system; a blank card is not', () => {
    const system = systemDevices(benchPc);
    expect(system.has('sdb')).toBe(true);
    expect(system.has('sdc')).toBe(false);
  });
});

describe('what a device is made of, and where it is mounted', () => {
  it('follows a loop device to the disk holding its backing file', () => {
    expect(chainOf(['loop3'], benchPc)).toEqual(['loop3', 'sdb1', 'sdb']);
  });

  it('a disk is mounted where its partitions are; a loop device on it is not counted', () => {
    expect(mountpointsOn('sda', laptop)).toEqual(['/media/me/CARD']);
    expect(mountpointsOn('loop3', benchPc)).toEqual([]);
  });

  it('stops on a loop in the records instead of walking for ever', () => {
    const cyclic: BlockTopology = {
      parents: { loop1: ['loop2'], loop2: ['loop1'] },
      mounts: [],
      swaps: [],
    };
    expect(chainOf(['loop1'], cyclic)).toEqual(['loop1', 'loop2']);
  });
});
