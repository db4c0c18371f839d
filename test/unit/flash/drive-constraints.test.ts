// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  confirmations,
  driveWarnings,
  refusals,
  type DriveFacts,
} from '../../../src/main/flash/drives/drive-constraints.js';

const card: DriveFacts = {
  device: '/dev/sdb',
  size: 32e9,
  system: false,
  readOnly: false,
  mountpoints: [],
  virtual: false,
};

describe('drive constraints', () => {
  it('lets a plain removable card through with no warnings', () => {
    expect(driveWarnings(card, { path: '/home/me/os.img', size: 1e9 })).toEqual([]);
  });

  it('refuses the system drive', () => {
    const reasons = refusals(driveWarnings({ ...card, system: true, mountpoints: ['/'] }));
    expect(reasons.map((r) => r.code)).toEqual(['system']);
    expect(reasons[0]?.message).toContain('system drive');
  });

  it('refuses the drive that holds the image, by mount point or loop backing file', () => {
    const mounted = { ...card, mountpoints: ['/media/usb'] };
    expect(refusals(driveWarnings(mounted, { path: '/media/usb/os.img' }))[0]?.code).toBe('source');
    expect(refusals(driveWarnings(mounted, { path: '/media/usbother/os.img' }))).toEqual([]);
    const loop = { ...card, device: '/dev/loop1', virtual: true, backingFile: '/tmp/os.img' };
    expect(refusals(driveWarnings(loop, { path: '/tmp/os.img' }))[0]?.code).toBe('source');
  });

  it('refuses the drive under the loop device whose filesystem holds the image', () => {
    const image = { path: '/mnt/inner/os.img', holders: ['/dev/loop4', '/dev/sdb'] };
    const reasons = refusals(driveWarnings({ ...card, mountpoints: ['/mnt/outer'] }, image));
    expect(reasons[0]).toMatchObject({ code: 'source' });
    expect(reasons[0]?.message).toBe('/dev/sdb holds the image being written (/mnt/inner/os.img).');
    expect(refusals(driveWarnings({ ...card, device: '/dev/sdc' }, image))).toEqual([]);
  });

  it('refuses a read-only card and says to check the lock switch', () => {
    const reasons = refusals(driveWarnings({ ...card, readOnly: true }));
    expect(reasons[0]).toMatchObject({ code: 'read-only' });
    expect(reasons[0]?.message).toContain('lock switch');
  });

  it('refuses a drive smaller than the image, with both sizes', () => {
    const reasons = refusals(driveWarnings({ ...card, size: 1e9 }, { size: 2e9 }));
    expect(reasons[0]?.code).toBe('too-small');
    expect(reasons[0]?.message).toMatch(/1\.0 GB.*2\.0 GB/);
  });

  it('asks a second confirmation above 128 GB', () => {
    const warnings = driveWarnings({ ...card, size: 256e9 });
    expect(refusals(warnings)).toEqual([]);
    expect(confirmations(warnings).map((w) => w.code)).toEqual(['large']);
  });

  it('says a mounted drive will be unmounted, without refusing it', () => {
    const warnings = driveWarnings({ ...card, mountpoints: ['/media/boot'] });
    expect(warnings).toEqual([expect.objectContaining({ code: 'mounted', severity: 'info' })]);
  });
});
