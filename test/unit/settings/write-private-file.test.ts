// SPDX-License-Identifier: Apache-2.0
// The server's token file and the flash manifests go through this one writer.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePrivateFile } from '../../../src/main/settings/write-private-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'benchtop-private-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writePrivateFile', () => {
  it('replaces a 0644 file with a 0600 one holding the new text, and leaves no temporary file', async () => {
    const path = join(dir, 'server.json');
    writeFileSync(path, 'old token');
    chmodSync(path, 0o644);
    await writePrivateFile(path, 'new token');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('new token');
    expect(readdirSync(dir)).toEqual(['server.json']);
  });

  it('fails, and removes its temporary file, when the rename cannot happen', async () => {
    // A folder that is not empty stands at the path: no file can be renamed over it.
    const path = join(dir, 'taken');
    mkdirSync(join(path, 'inside'), { recursive: true });
    await expect(writePrivateFile(path, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});
