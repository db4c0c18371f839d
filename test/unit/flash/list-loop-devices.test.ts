// SPDX-License-Identifier: Apache-2.0
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  diskOf,
  listLoopDevices,
  readMounts,
} from '../../../src/main/flash/drives/list-loop-devices.js';

const root = mkdtempSync(join(tmpdir(), 'benchtop-sys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeBlock(name: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, 'block', name, path, '..'), { recursive: true });
    writeFileSync(join(root, 'block', name, path), `${text}\n`);
  }
}

describe('our own drive listing (/sys/block, /proc/mounts)', () => {
  it('lists attached loop devices with size, read-only flag and backing file; skips free ones', async () => {
    fakeBlock('loop0', {
      size: '262144',
      ro: '0',
      removable: '0',
      'loop/backing_file': '/srv/a.img',
    });
    fakeBlock('loop1', { size: '0', ro: '0', removable: '0' });
    fakeBlock('loop10', {
      size: '2048',
      ro: '1',
      removable: '0',
      'loop/backing_file': '/srv/b.img',
    });
    fakeBlock('sda', { size: '1000', ro: '0', removable: '1' });
    const loops = await listLoopDevices(join(root, 'block'));
    expect(loops.map((l) => l.device)).toEqual(['/dev/loop0', '/dev/loop10']);
    expect(loops[0]).toMatchObject({ size: 134217728, readOnly: false, backingFile: '/srv/a.img' });
    expect(loops[1]).toMatchObject({ readOnly: true, backingFile: '/srv/b.img' });
  });

  it('maps partition mounts to their whole drive', async () => {
    const mounts = join(root, 'mounts');
    writeFileSync(
      mounts,
      [
        '/dev/vda / ext4 rw 0 0',
        '/dev/sdb1 /media/my\\040card vfat rw 0 0',
        '/dev/mmcblk0p2 /media/root ext4 rw 0 0',
        '/dev/loop3 /mnt/x ext4 rw 0 0',
        'tmpfs /tmp tmpfs rw 0 0',
      ].join('\n'),
    );
    const map = await readMounts(mounts);
    expect(map.get('/dev/sdb')).toEqual(['/media/my card']);
    expect(map.get('/dev/mmcblk0')).toEqual(['/media/root']);
    expect(map.get('/dev/loop3')).toEqual(['/mnt/x']);
    expect(map.has('tmpfs')).toBe(false);
    expect(diskOf('/dev/nvme0n1p3')).toBe('/dev/nvme0n1');
    expect(diskOf('/dev/loop12')).toBe('/dev/loop12');
  });
});
