// SPDX-License-Identifier: Apache-2.0
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withNewFolderContents } from '../../../src/main/develop/live/new-folders.js';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'benchtop-new-folders-'));
  mkdirSync(join(root, 'site', 'burst', 'deep'), { recursive: true });
  mkdirSync(join(root, 'site', 'burst', 'node_modules'), { recursive: true });
  writeFileSync(join(root, 'site', 'burst', 'a.html'), 'a');
  writeFileSync(join(root, 'site', 'burst', 'b.html'), 'b');
  writeFileSync(join(root, 'site', 'burst', 'deep', 'c.html'), 'c');
  writeFileSync(join(root, 'site', 'burst', 'node_modules', 'x.js'), 'x');
  writeFileSync(join(root, 'site', 'other.html'), 'o');
  return root;
}

const ignored = (relative: string) => relative.split('/').includes('node_modules');

describe('a new folder brings what it holds on disk into the batch', () => {
  it('adds the files and folders under a new folder that the watcher did not report', async () => {
    const batch = await withNewFolderContents(
      project(),
      [
        { path: 'site/burst', kind: 'addDir' },
        { path: 'site/burst/a.html', kind: 'add' },
      ],
      ignored,
    );
    expect(batch).toEqual([
      { path: 'site/burst', kind: 'addDir' },
      { path: 'site/burst/a.html', kind: 'add' },
      { path: 'site/burst/b.html', kind: 'add' },
      { path: 'site/burst/deep', kind: 'addDir' },
      { path: 'site/burst/deep/c.html', kind: 'add' },
    ]);
  });

  it('leaves a batch without a new folder as it is, and skips what is ignored', async () => {
    const root = project();
    const plain = [{ path: 'site/other.html', kind: 'change' as const }];
    expect(await withNewFolderContents(root, plain, ignored)).toEqual(plain);
    const inIgnored = await withNewFolderContents(
      root,
      [{ path: 'site/burst/deep', kind: 'addDir' }],
      ignored,
    );
    expect(inIgnored.map((change) => change.path)).toEqual([
      'site/burst/deep',
      'site/burst/deep/c.html',
    ]);
  });

  it('a new folder gone again by the time the batch is synced adds nothing', async () => {
    const root = project();
    const batch = [{ path: 'site/vanished', kind: 'addDir' as const }];
    expect(await withNewFolderContents(root, batch, ignored)).toEqual(batch);
  });
});
