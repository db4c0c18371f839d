// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { parseFatBootSector } from '../../../src/main/flash/image/fat-boot-sector.js';
import { bmapCandidates } from '../../../src/main/flash/image/find-bmap.js';
import { findBootPartition } from '../../../src/main/flash/image/find-boot-partition.js';
import { mayBeCompressed } from '../../../src/main/flash/image/local-file.js';
import { mismatchRegion, overlaps } from '../../../src/main/flash/writer/verify-targets.js';
import { toCsv } from '../../../src/main/flash/write/manifest.js';

function bootSector(kind: 'FAT16' | 'FAT32', label: string): Uint8Array {
  const sector = new Uint8Array(512);
  sector[11] = 0x00;
  sector[12] = 0x02; // 512 bytes per sector
  const typeAt = kind === 'FAT32' ? 82 : 54;
  const labelAt = kind === 'FAT32' ? 71 : 43;
  sector.set(new TextEncoder().encode(`${kind}   `), typeAt);
  sector.set(new TextEncoder().encode(label.padEnd(11)), labelAt);
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

const part = (index: number, type: string, filesystem: 'fat' | 'ext', label?: string) => ({
  index,
  offset: index * 4194304,
  size: 4194304,
  type,
  filesystem,
  ...(label ? { label } : {}),
});

describe('image helpers', () => {
  it('reads FAT16 and FAT32 labels, and NO NAME as none', () => {
    expect(parseFatBootSector(bootSector('FAT32', 'resin-boot'))).toEqual({
      bits: 32,
      label: 'resin-boot',
    });
    expect(parseFatBootSector(bootSector('FAT16', 'NO NAME'))).toEqual({
      bits: 16,
      label: undefined,
    });
    expect(parseFatBootSector(new Uint8Array(512))).toBeUndefined();
  });

  it('finds bmap files the way bmaptool does', () => {
    expect(bmapCandidates('/d/os.img.xz')).toEqual([
      '/d/os.img.xz.bmap',
      '/d/os.img.bmap',
      '/d/os.bmap',
    ]);
  });

  it('takes a labelled boot partition over a typed one, and says why none was found', () => {
    const labelled = findBootPartition([
      { partition: part(1, '0x0c', 'fat'), files: ['config.json'] },
      { partition: part(2, '0x83', 'fat', 'balena-boot'), files: [] },
    ]);
    expect(labelled.partition?.index).toBe(2);
    const typed = findBootPartition([{ partition: part(1, '0x0e', 'fat'), files: ['os-release'] }]);
    expect(typed.partition?.index).toBe(1);
    const wrongType = findBootPartition([
      { partition: part(1, '0x83', 'fat'), files: ['config.json'] },
    ]);
    expect(wrongType.partition).toBeUndefined();
    expect(findBootPartition([{ partition: part(1, '0x83', 'ext'), files: [] }]).reason).toBe(
      'no partition holds a FAT filesystem',
    );
  });

  it('compares only written ranges and names the differing region', () => {
    expect(
      overlaps(
        [
          { offset: 100, length: 50 },
          { offset: 300, length: 10 },
        ],
        120,
        305,
      ),
    ).toEqual([
      { offset: 120, length: 30 },
      { offset: 300, length: 5 },
    ]);
    expect(overlaps(undefined, 0, 10)).toEqual([{ offset: 0, length: 10 }]);
    const a = Buffer.alloc(8192);
    const b = Buffer.alloc(8192);
    b[5000] = 1;
    expect(mismatchRegion(a, b, 1048576)).toBe(
      'bytes 1052672–1056767 (first difference at byte 1053576)',
    );
  });

  it('writes the manifest CSV with a header and quoted cells', () => {
    const csv = toCsv({
      cards: [
        {
          target: '/dev/loop0',
          serial: 'loop:/tmp/a, b',
          uuid: 'u',
          hostname: 'h',
          imageChecksum: 'sha256:x',
          verified: true,
          configVerified: false,
          time: 't',
          index: 3,
          address: '10.0.0.3/24',
          slot: 'A1',
          labels: ['arm', 'rack=2'],
        },
      ],
    });
    expect(csv).toBe(
      'target,serial,uuid,hostname,imageChecksum,verified,configVerified,time,error,index,address,slot,labels\n/dev/loop0,"loop:/tmp/a, b",u,h,sha256:x,true,false,t,,3,10.0.0.3/24,A1,arm rack=2\n',
    );
  });
});

describe('mayBeCompressed', () => {
  const head = (...bytes: number[]): Buffer => Buffer.from([...bytes, 0, 0, 0, 0, 0, 0]);
  it('knows gzip, xz, bzip2 and zip by their first bytes, whatever the name', () => {
    expect(mayBeCompressed('/a/x.img', head(0x1f, 0x8b))).toBe(true);
    expect(mayBeCompressed('/a/x.img', head(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00))).toBe(true);
    expect(mayBeCompressed('/a/x.img', Buffer.from('BZh91AY'))).toBe(true);
    expect(mayBeCompressed('/a/x.img', head(0x50, 0x4b, 0x03, 0x04))).toBe(true);
  });
  it('trusts a compressed name, and takes an MBR-looking .img as raw', () => {
    expect(mayBeCompressed('/a/x.img.xz', head(0, 0, 0))).toBe(true);
    expect(mayBeCompressed('/a/x.ZIP', head(0, 0, 0))).toBe(true);
    expect(mayBeCompressed('/a/x.img', head(0xfa, 0xb8, 0x00, 0x10))).toBe(false);
  });
});

describe('releaseFilesPromptly', () => {
  it("unrefs only the 500 ms timers fatfs's close sets, and leaves setTimeout as it was", async () => {
    const { releaseFilesPromptly } = await import('../../../src/main/flash/image/fat-release.js');
    const setTimer = globalThis.setTimeout;
    const timers: NodeJS.Timeout[] = [];
    const fs = releaseFilesPromptly({
      close(_fd: number, callback: (error?: unknown) => void) {
        timers.push(
          setTimeout(() => undefined, 500),
          setTimeout(() => undefined, 0),
        );
        callback();
      },
    });
    let closed = false;
    fs.close(3, () => (closed = true));
    expect(closed).toBe(true);
    expect(timers.map((timer) => timer.hasRef())).toEqual([false, true]);
    expect(globalThis.setTimeout).toBe(setTimer);
    for (const timer of timers) clearTimeout(timer);
  });
});
