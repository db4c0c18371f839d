// SPDX-License-Identifier: Apache-2.0
// Flash on real loop devices through the built CLI, as a person types it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlashResult } from '../../src/shared/contract/index.js';
import { buildImage, compress, mtype } from '../fixtures/build-image.js';
import { benchtop, configOn, lastResult, useFlashBench } from '../fixtures/flash-bench.js';
import { readBytes } from '../fixtures/loop-devices.js';

const bench = useFlashBench('benchtop-flash-cli-');

describe('benchtop flash (CLI, loop devices)', () => {
  it('writes a compressed image to three cards at once, each with its own config from a template', () => {
    const xz = compress(bench.image.path, 'xz');
    const template = join(bench.dir, 'template.json');
    writeFileSync(
      template,
      '{"uuid":"{{uuid}}","hostname":"bench-{{index}}","deviceType":"raspberrypi4-64","developmentMode":true}',
    );
    const manifest = join(bench.dir, 'run.json');
    const run = benchtop([
      'flash',
      xz,
      ...bench.loops.flatMap((loop) => ['--target', loop.device]),
      '--config',
      template,
      '--manifest',
      manifest,
    ]);
    expect(run.stderr).not.toMatch(/benchtop:/);
    expect(run.code).toBe(0);

    const configs = bench.loops.map((loop) => configOn(loop.device, bench.image.bootOffset));
    expect(new Set(configs.map((c) => c.uuid)).size).toBe(3);
    expect(configs.map((c) => c.hostname)).toEqual(['bench-1', 'bench-2', 'bench-3']);
    for (const config of configs) expect(config.uuid).toMatch(/^[0-9a-f]{32}$/);

    const written = JSON.parse(readFileSync(manifest, 'utf8')) as { cards: FlashResult['cards'] };
    expect(written.cards).toHaveLength(3);
    // Free ext4 blocks were not written, so verify read back the mapped ranges only, and the
    // checksum says it covers those (verify-ranges.ts): the same for every card.
    const sha = written.cards[0]?.imageChecksum;
    expect(sha).toMatch(/^sha256-mapped:[0-9a-f]{64}$/);
    for (const [i, card] of written.cards.entries()) {
      expect(card).toMatchObject({
        target: bench.loops[i]?.device,
        verified: true,
        configVerified: true,
        uuid: configs[i]?.uuid,
        hostname: `bench-${i + 1}`,
        imageChecksum: sha,
      });
      expect(card.serial).toBe(`loop:${bench.loops[i]?.file}`);
    }
    expect(readFileSync(join(bench.dir, 'run.csv'), 'utf8').split('\n')[0]).toBe(
      'target,serial,uuid,hostname,imageChecksum,verified,configVerified,time,error,index,address,slot,labels',
    );
    // The boot partition is byte for byte the image's, apart from the files we added.
    expect(
      readBytes(bench.loops[0]!.device, 0, 4 * 1024 * 1024).equals(
        readBytes(bench.image.path, 0, 4 * 1024 * 1024),
      ),
    ).toBe(true);
  });

  it('inspects an image and lists drives with --json, for scripts', () => {
    const inspect = benchtop(['image', 'inspect', bench.image.path, '--json']);
    expect(inspect.code).toBe(0);
    expect(JSON.parse(inspect.stdout)).toMatchObject({
      format: 'raw',
      size: bench.image.size,
      partitionTable: 'mbr',
      bootPartition: { index: 1, offset: bench.image.bootOffset, filesystem: 'fat' },
    });
    const human = benchtop(['image', 'inspect', bench.image.path]);
    expect(human.stdout).toMatch(/Boot partition: 1 \(partition 1 is a FAT filesystem labelled/);
    const drives = JSON.parse(benchtop(['drives', '--show-virtual', '--json']).stdout) as {
      device: string;
      virtual: boolean;
      serial?: string;
    }[];
    for (const loop of bench.loops)
      expect(drives.find((d) => d.device === loop.device)).toMatchObject({
        virtual: true,
        serial: `loop:${loop.file}`,
      });
    const plain = JSON.parse(benchtop(['drives', '--json']).stdout) as { device: string }[];
    expect(plain.map((d) => d.device)).not.toContain(bench.loops[0]?.device);
  });

  it('numbers a second batch on, gives each card the next address, and never replaces a manifest silently', () => {
    const manifest = join(bench.dir, 'append.json');
    const two = bench.loops.slice(0, 2).flatMap((loop) => ['-t', loop.device]);
    const flash = (...more: string[]) =>
      benchtop([
        'flash',
        bench.image.path,
        ...two,
        '--hostname',
        'cm4',
        '--manifest',
        manifest,
        ...more,
      ]);
    expect(flash('--static-ip', '10.9.0.50/24').code).toBe(0);
    expect(configOn(bench.loops[1]!.device, bench.image.bootOffset)).toMatchObject({
      hostname: 'cm4-2',
    });
    expect(
      mtype(bench.loops[1]!.device, bench.image.bootOffset, 'system-connections/benchtop-ethernet'),
    ).toContain('address1=10.9.0.51/24');

    // The same command again: its address is taken in the manifest, so nothing is written.
    const repeated = flash('--static-ip', '10.9.0.50/24', '--append');
    expect(repeated.code).toBe(2);
    expect(repeated.stderr).toContain(
      `The address 10.9.0.50 is already cm4-1's in ${manifest}; start this batch at 10.9.0.52. Nothing was written.`,
    );
    const second = flash('--static-ip', '10.9.0.52/24', '--append', '--json');
    expect(second.code).toBe(0);
    expect(lastResult(second.stdout).cards.map((c) => [c.index, c.hostname, c.address])).toEqual([
      [3, 'cm4-3', '10.9.0.52/24'],
      [4, 'cm4-4', '10.9.0.53/24'],
    ]);
    const written = JSON.parse(readFileSync(manifest, 'utf8')) as { cards: FlashResult['cards'] };
    expect(written.cards.map((c) => c.hostname)).toEqual(['cm4-1', 'cm4-2', 'cm4-3', 'cm4-4']);

    const refused = flash();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `The manifest ${manifest} already holds 4 cards; nothing was written.`,
    );
    expect(refused.stderr).toContain('--append');
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toEqual(written);
    expect(flash('--overwrite').code).toBe(0);
    const replaced = JSON.parse(readFileSync(manifest, 'utf8')) as { cards: FlashResult['cards'] };
    expect(replaced.cards.map((c) => c.hostname)).toEqual(['cm4-1', 'cm4-2']);
  });

  it.each([
    ['gz', { bootType: 0x0e as const, label: null }],
    ['bz2', { table: 'gpt' as const, label: null }],
    ['zip', { label: 'balena-boot' }],
  ])(
    'writes a %s image and configures its boot partition with --hostname and --dev-mode',
    (format, spec) => {
      const variant = buildImage(bench.dir, `variant-${format}.img`, spec);
      const source = compress(variant.path, format as 'gz' | 'bz2' | 'zip');
      const run = benchtop([
        'flash',
        source,
        '-t',
        bench.loops[1]!.device,
        '--hostname',
        'rig7',
        '--dev-mode',
        '--json',
      ]);
      expect(run.code).toBe(0);
      const config = configOn(bench.loops[1]!.device, variant.bootOffset);
      expect(config).toMatchObject({ hostname: 'rig7', developmentMode: true });
      const result = lastResult(run.stdout);
      expect(result.cards[0]).toMatchObject({
        verified: true,
        configVerified: true,
        hostname: 'rig7',
      });
    },
    // bzip2 is decompressed in JavaScript: about 30 s for this image on a loaded 2-core machine.
    90_000,
  );

  it('writes Wi-Fi settings as a NetworkManager file and never prints the key', () => {
    const psk = join(bench.dir, 'psk');
    writeFileSync(psk, 'correct-horse-battery\n');
    const run = benchtop([
      'flash',
      bench.image.path,
      '-t',
      bench.loops[2]!.device,
      '--wifi-ssid',
      'Bench',
      '--wifi-psk-file',
      psk,
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('correct-horse-battery');
    expect(
      mtype(bench.loops[2]!.device, bench.image.bootOffset, 'system-connections/benchtop-wifi'),
    ).toContain('psk=correct-horse-battery');
    // Without --manifest the run is still recorded, under Benchtop's folder, without the key.
    const result = lastResult(run.stdout);
    expect(result.manifest).toMatch(new RegExp(`^${bench.home}/manifests/flash-.*\\.json$`));
    const saved = readFileSync(result.manifest ?? '', 'utf8');
    expect(saved).toContain(bench.loops[2]!.device);
    expect(saved).not.toContain('correct-horse-battery');
  });
});
