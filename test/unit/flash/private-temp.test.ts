// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  makePrivateTemp,
  openExclusive,
  removeStale,
} from '../../../src/main/flash/writer/private-temp.js';

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'temp-test-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

/** A pid that is certainly gone: a process that has already exited. */
const deadPid = (): number => spawnSync('true').pid;

describe("the writer's private temp folder", () => {
  it('is 0700 in the folder given, and its files are 0600', async () => {
    const temp = await makePrivateTemp(parent);
    expect(temp.dir.startsWith(join(parent, `benchtop-writer-${process.pid}-`))).toBe(true);
    expect(statSync(temp.dir).mode & 0o777).toBe(0o700);
    const { path, handle } = await temp.create('decompressing.img');
    await handle.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await temp.remove();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('never follows a link planted at a file name, and never reuses a file', async () => {
    const victim = join(parent, 'victim');
    writeFileSync(victim, 'precious');
    const planted = join(parent, 'planted.img');
    symlinkSync(victim, planted);
    await expect(openExclusive(planted)).rejects.toThrow(/EEXIST/);
    writeFileSync(join(parent, 'old.img'), 'x');
    await expect(openExclusive(join(parent, 'old.img'))).rejects.toThrow(/EEXIST/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  it('removes the folders of dead writers, and nothing else', async () => {
    const dead = join(parent, `benchtop-writer-${deadPid()}-abc`);
    mkdirSync(dead);
    writeFileSync(join(dead, 'decompressing.img'), 'old');
    const living = join(parent, `benchtop-writer-${process.pid}-def`);
    mkdirSync(living);
    const victim = join(parent, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'keep'), 'precious');
    const link = join(parent, `benchtop-writer-${deadPid()}-link`);
    symlinkSync(victim, link);
    const other = join(parent, 'benchtop-flash-xyz');
    mkdirSync(other);
    await removeStale(parent);
    expect(readdirSync(parent).sort()).toEqual(
      [
        `benchtop-writer-${process.pid}-def`,
        'benchtop-flash-xyz',
        link.split('/').pop(),
        'victim',
      ].sort(),
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(victim, 'keep'), 'utf8')).toBe('precious');
  });

  it('goes away when the process exits without cleaning up (process.exit skips finally)', () => {
    const script = `
      import { makePrivateTemp } from ${JSON.stringify(new URL('../../../src/main/flash/writer/private-temp.ts', import.meta.url).pathname)};
      const temp = await makePrivateTemp(${JSON.stringify(parent)});
      const { handle } = await temp.create('x.img');
      await handle.write('data');
      process.exit(130);`;
    const run = spawnSync('npx', ['tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(130);
    expect(readdirSync(parent)).toEqual([]);
  });
});
