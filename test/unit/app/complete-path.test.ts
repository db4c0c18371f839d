// SPDX-License-Identifier: Apache-2.0
// paths.complete on a real folder tree made for each run.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completePath, MAX_ENTRIES, splitTyped } from '../../../src/main/app/complete-path.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'benchtop-complete-'));
  for (const dir of ['project-b', 'project-10', 'project-2', '.git', 'other']) {
    mkdirSync(join(root, dir));
  }
  writeFileSync(join(root, 'project-a.txt'), 'x');
  writeFileSync(join(root, '.env'), 'x');
  symlinkSync(join(root, 'other'), join(root, 'project-link'));
  symlinkSync(join(root, 'missing'), join(root, 'project-dangling'));
  mkdirSync(join(root, 'many'));
  for (let i = 0; i < MAX_ENTRIES + 5; i++) writeFileSync(join(root, 'many', `f${i}`), '');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const names = async (typed: string): Promise<string[]> =>
  (await completePath(typed)).entries.map((e) => e.name);

describe('paths.complete', () => {
  it('offers the names starting with the last part, folders first, in numeric order', async () => {
    const result = await completePath(join(root, 'proj'));
    expect(result.folder).toBe(root);
    expect(result.entries.map((e) => [e.name, e.dir])).toEqual([
      ['project-2', true],
      ['project-10', true],
      ['project-b', true],
      ['project-link', true],
      ['project-a.txt', false],
      ['project-dangling', false],
    ]);
    expect(result.entries[0]?.path).toBe(join(root, 'project-2'));
    expect(result.truncated).toBe(false);
  });

  it('lists a whole folder when the path ends with a separator, hiding dot entries', async () => {
    const listed = await names(`${root}/`);
    expect(listed).toContain('other');
    expect(listed).not.toContain('.git');
    expect(listed).not.toContain('.env');
  });

  it('offers hidden entries once a dot is typed', async () => {
    expect(await names(`${root}/.`)).toEqual(['.git', '.env']);
  });

  it('stops at a readable number of entries and says more matched', async () => {
    const result = await completePath(join(root, 'many', 'f'));
    expect(result.entries).toHaveLength(MAX_ENTRIES);
    expect(result.truncated).toBe(true);
  });

  it('reads ~ as the home folder of the engine user', () => {
    expect(splitTyped('~/src/pro', '/home/me')).toEqual({ folder: '/home/me/src', prefix: 'pro' });
    expect(splitTyped('~', '/home/me')).toEqual({ folder: '/home/me/', prefix: '' });
  });

  it('refuses a relative path, naming how to write one', async () => {
    await expect(completePath('test/fixtures')).rejects.toThrow(/not an absolute path/);
  });

  it('says plainly that a folder does not exist or is a file', async () => {
    await expect(completePath(join(root, 'nowhere', 'x'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `There is no folder ${join(root, 'nowhere')} on the engine's machine.`,
    });
    await expect(completePath(join(root, 'project-a.txt', 'x'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `${join(root, 'project-a.txt')} is a file, not a folder.`,
    });
  });
});
