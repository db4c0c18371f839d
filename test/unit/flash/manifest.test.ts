// SPDX-License-Identifier: Apache-2.0
// Run records hold uuids and may hold keys: only their owner reads them, whatever an older
// version (or another program) left behind.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestsFolder, writeManifest } from '../../../src/main/flash/write/manifest.js';

const mode = (path: string): number => statSync(path).mode & 0o777;
const card = {
  target: '/dev/loop1',
  serial: 'loop:/x',
  uuid: 'a'.repeat(32),
  hostname: 'bench-1',
  imageChecksum: 'sha256:00',
  verified: true,
  configVerified: true,
  time: '2026-12-01T00:00:00.000Z',
};

let dir: string;
const savedHome = process.env['BENCHTOP_HOME'];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'benchtop-manifest-'));
  process.env['BENCHTOP_HOME'] = join(dir, 'home');
});
afterEach(() => {
  if (savedHome === undefined) delete process.env['BENCHTOP_HOME'];
  else process.env['BENCHTOP_HOME'] = savedHome;
  rmSync(dir, { recursive: true, force: true });
});

describe('manifest files', () => {
  it('makes the manifests folder 0700, and tightens one an older run left 0755', async () => {
    expect(mode(await manifestsFolder())).toBe(0o700);
    chmodSync(join(dir, 'home', 'manifests'), 0o755);
    expect(mode(await manifestsFolder())).toBe(0o700);
  });

  it('writes the JSON and the CSV 0600, replacing a 0644 file instead of keeping its mode', async () => {
    const path = join(dir, 'run.json');
    writeFileSync(path, '{"cards":[]}\n', { mode: 0o644 });
    writeFileSync(join(dir, 'run.csv'), 'old\n', { mode: 0o644 });
    chmodSync(path, 0o644);
    chmodSync(join(dir, 'run.csv'), 0o644);
    const written = await writeManifest(path, [card], []);
    expect(mode(written.json)).toBe(0o600);
    expect(mode(written.csv)).toBe(0o600);
    // no temporary file is left beside them
    expect(readdirSync(dir).sort()).toEqual(['run.csv', 'run.json']);
  });

  it('writes a new manifest 0600 in the private folder', async () => {
    const folder = await manifestsFolder();
    const written = await writeManifest(join(folder, 'flash-1.json'), [card]);
    expect(mode(written.json)).toBe(0o600);
    expect(mode(written.csv)).toBe(0o600);
  });
});
