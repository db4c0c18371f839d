// SPDX-License-Identifier: Apache-2.0
// A fresh folder per test for real SQLite files, removed after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export function tempFolder(prefix: string): { readonly path: string } {
  const folder = { path: '' };
  beforeEach(() => {
    folder.path = mkdtempSync(join(tmpdir(), `benchtop-${prefix}-`));
  });
  afterEach(() => rmSync(folder.path, { recursive: true, force: true }));
  return folder;
}
