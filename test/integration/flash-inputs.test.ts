// SPDX-License-Identifier: Apache-2.0
// Inputs a flash must refuse (or report precisely) before a card is touched, through the
// built CLI as a person types it and through the engine's contract, on real loop devices.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '../fixtures/build-image.js';
import { benchtop, untouched as blank, useFlashBench } from '../fixtures/flash-bench.js';
import { mountedLoop, readBytes, unmountLoop, zeroHead } from '../fixtures/loop-devices.js';
import { localOwner } from '../../src/main/contract/local-owner.js';

const bench = useFlashBench('benchtop-inputs-', 1);
const card = () => bench.loops[0]!;
const untouched = (): boolean => blank(card());

beforeAll(() => zeroHead(card().device));

describe('a flash with nothing to write to', () => {
  it('says no drive was named and how to name one, in the CLI’s words, not zod’s', () => {
    const run = benchtop(['flash', bench.image.path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `benchtop: No drive to write ${bench.image.path} to was named.\nName each drive to write with \`-t\`, e.g. \`-t /dev/sdb -t /dev/sdc\`; \`benchtop drives\` lists them.\n`,
    );
  });
});

describe('network values a NetworkManager keyfile cannot hold', () => {
  it('refuses a line break in --wifi-ssid (it added a [proxy] section), naming the field', () => {
    const psk = join(bench.dir, 'psk');
    writeFileSync(psk, 'correct-horse-battery\n');
    const run = benchtop([
      'flash',
      bench.image.path,
      '-t',
      card().device,
      '--wifi-ssid',
      'Bench\n[proxy]\nmethod=1',
      '--wifi-psk-file',
      psk,
    ]);
    expect(run.stderr).toMatch(/The Wi-Fi network name \(wifi\.ssid\) contains a line break/);
    expect(run.code).toBe(2);
    expect(untouched()).toBe(true);
  });

  it('refuses a gateway with a line break and a short key, naming each field', () => {
    const gateway = benchtop([
      'flash',
      bench.image.path,
      '-t',
      card().device,
      '--static-ip',
      '10.0.0.5/24',
      '--gateway',
      '10.0.0.1\n[proxy]',
    ]);
    expect(gateway.stderr).toMatch(/The gateway \(staticIp\.gateway\) is not an IPv4 address/);
    expect(gateway.code).toBe(2);
    const psk = join(bench.dir, 'short');
    writeFileSync(psk, 'short\n');
    const key = benchtop([
      'flash',
      bench.image.path,
      '-t',
      card().device,
      '--wifi-ssid',
      'Bench',
      '--wifi-psk-file',
      psk,
    ]);
    expect(key.stderr).toMatch(/The Wi-Fi key \(wifi\.psk\) has 5 characters/);
    expect(key.code).toBe(2);
    expect(untouched()).toBe(true);
  });

  it('refuses at flash.start, before any job (or root writer) exists', async () => {
    const before = bench.engine.jobs.list().length;
    await expect(
      bench.engine.dispatch(
        'flash.start',
        {
          image: bench.image.path,
          targets: [card().device],
          config: { wifi: { ssid: 'Bench', psk: 'correct-horse\n[proxy]' } },
        },
        { transport: 'local', clientId: 't', caller: localOwner() },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringMatching(/wifi\.psk/) as unknown,
    });
    expect(bench.engine.jobs.list()).toHaveLength(before);
  });
});

describe('--config that cannot be written as it is', () => {
  it('refuses an unknown {{variable}}, naming it', () => {
    const template = join(bench.dir, 'unknown.json');
    writeFileSync(template, '{"uuid":"{{uuid}}","apiKey":"{{api_key}}"}');
    const run = benchtop(['flash', bench.image.path, '-t', card().device, '--config', template]);
    expect(run.stderr).toMatch(/unknown\.json uses \{\{api_key\}\}, which Benchtop does not fill/);
    expect(run.code).toBe(2);
    expect(untouched()).toBe(true);
  });

  it('refuses JSON nested 100k deep with a message, not a stack overflow', () => {
    const deep = join(bench.dir, 'deep.json');
    writeFileSync(deep, `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const run = benchtop(['flash', bench.image.path, '-t', card().device, '--config', deep]);
    expect(run.stderr).toMatch(/deep\.json nests objects or arrays more than 64 levels deep/);
    expect(run.stderr).not.toMatch(/Maximum call stack|RangeError|\n\s+at /);
    expect(run.code).toBe(2);
    expect(untouched()).toBe(true);
  });
});

describe('a zip holding two images', () => {
  it('is refused by image inspect and by flash, listing the images', () => {
    const second = buildImage(bench.dir, 'other.img', { rootMiB: 8 });
    const zip = join(bench.dir, 'two.zip');
    execFileSync('zip', ['-q', '-j', '-1', zip, bench.image.path, second.path]);
    const inspect = benchtop(['image', 'inspect', zip]);
    expect(inspect.stderr).toMatch(/two\.zip holds 2 disk images \(os\.img, other\.img\)/);
    expect(inspect.code).toBe(2);
    const flash = benchtop(['flash', zip, '-t', card().device]);
    expect(flash.stderr).toMatch(/two\.zip holds 2 disk images \(os\.img, other\.img\)/);
    expect(flash.code).toBe(2);
    expect(untouched()).toBe(true);
  });
});

describe('a busy mounted target', () => {
  it('says which target is busy and who holds it, exits 4, and writes nothing', async () => {
    const busy = mountedLoop(bench.dir, 'busy', 128);
    const mnt = busy.mnt;
    let holder: ChildProcess | undefined;
    try {
      // A program whose working directory is on the card: `umount` says "target is busy".
      holder = spawn('sleep', ['300'], { cwd: mnt, stdio: 'ignore' });
      const before = readBytes(busy.device, 0, 1024 * 1024);
      const run = benchtop(['flash', bench.image.path, '-t', busy.device]);
      expect(run.stderr).not.toMatch(/damaged|At least one destination/);
      expect(run.stderr).toMatch(
        new RegExp(
          `${busy.device} is busy: it is mounted at ${mnt} .*because sleep \\(pid ${holder.pid}\\) uses it`,
        ),
      );
      expect(run.code).toBe(4);
      expect(readBytes(busy.device, 0, 1024 * 1024).equals(before)).toBe(true);
      expect(readFileSync('/proc/mounts', 'utf8')).toContain(mnt);
    } finally {
      if (holder?.pid !== undefined && holder.exitCode === null) {
        const exited = new Promise((resolve) => holder!.once('exit', resolve));
        holder.kill('SIGTERM');
        await exited;
      }
      unmountLoop(busy);
    }
  });
});
