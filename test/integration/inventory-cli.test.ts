// SPDX-License-Identifier: Apache-2.0
// The inventory from the command line, as a new user meets it: a first start takes in the
// manifests of earlier flashes, boards are labelled and placed, exported and imported back.
// No rig: the built CLI against its own BENCHTOP_HOME.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/benchtop-cli.js';
import { tempHome as makeHome } from '../support/serve-process.js';

const homes: string[] = [];
const tempHome = (): string => {
  const home = makeHome();
  homes.push(home);
  return home;
};
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

const card = (index: number, uuid: string, hostname: string) => ({
  index,
  target: `/dev/loop${index}`,
  serial: '',
  uuid,
  hostname,
  imageChecksum: 'sha256:feed',
  verified: true,
  configVerified: true,
  time: '2026-11-20T10:00:00.000Z',
});

function homeWithManifest(): string {
  const home = tempHome();
  mkdirSync(join(home, 'manifests'));
  writeFileSync(
    join(home, 'manifests', 'flash-2026.json'),
    JSON.stringify({
      cards: [card(1, 'a1b2c3d4e5f6a7b8', 'bench-01'), card(2, 'b1b2c3d4e5f6a7b8', 'bench-02')],
    }),
  );
  return home;
}

describe('benchtop boards, board and inventory', () => {
  it('lists the boards of earlier flashes, labels and places one, and shows its history', async () => {
    const home = homeWithManifest();
    const listed = await runCli(['boards'], home);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^HOSTNAME\s+UUID\s+TYPE\s+CRATE\/SLOT/);
    expect(listed.stdout).toMatch(/bench-01\s+a1b2c3d/);
    expect((await runCli(['board', 'label', 'bench-01', 'arm', 'rack=2'], home)).code).toBe(0);
    const placed = await runCli(
      ['board', 'locate', 'a1b2c3d', '--crate', 'A', '--slot', '12'],
      home,
    );
    expect(placed.stdout).toMatch(/bench-01\s+a1b2c3d\s+-\s+A\/12\s+arm rack=2/);
    const json = await runCli(['boards', '--json', '--filter', 'label=rack=2'], home);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ hostname: 'bench-01', location: { crate: 'A', slot: '12' } }),
    ]);
    const history = await runCli(['board', 'history', 'bench-01', '--json'], home);
    expect((JSON.parse(history.stdout) as { kind: string }[]).map((e) => e.kind)).toEqual([
      'located',
      'labelled',
      'flashed',
      'created',
    ]);
    const shown = await runCli(['board', 'show', 'bench-01'], home);
    expect(shown.stdout).toMatch(/Crate\/slot\s+A\/12/);
    expect(shown.stdout).toMatch(/2026-11-20 10:00:00\s+bench-01\s+sha256:feed\s+\/dev\/loop1/);
    expect(statSync(join(home, 'inventory.db')).mode & 0o777).toBe(0o600);
  });

  it('exports and imports back the same, as JSON and as CSV', async () => {
    const home = homeWithManifest();
    await runCli(['board', 'label', 'bench-02', 'x86'], home);
    for (const name of ['inventory.json', 'boards.csv']) {
      const file = join(home, name);
      const exported = await runCli(['inventory', 'export', file], home);
      expect(exported.stdout).toBe(
        `Wrote 2 boards to ${file} (${name.slice(-4).replace('.', '')}).\n`,
      );
      const other = tempHome();
      const imported = await runCli(['inventory', 'import', file, '--json'], other);
      expect(JSON.parse(imported.stdout)).toEqual({ added: 2, updated: 0 });
      const again = join(other, name);
      await runCli(['inventory', 'export', again], other);
      const text = (path: string) =>
        readFileSync(path, 'utf8').replace(/"exportedAt": "[^"]+"/, '');
      expect(text(again)).toBe(text(file));
    }
  });

  it('refuses a bad CSV naming line and column, an unknown board, and a damaged database', async () => {
    const home = homeWithManifest();
    const bad = join(home, 'bad.csv');
    writeFileSync(bad, 'uuid,hostname\na1b2c3d4e5f6a7b8,one\nA1B2C3D4E5F6A7B8,two\n');
    const refused = await runCli(['inventory', 'import', bad], home);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `${bad}, line 3, column 1: the uuid a1b2c3d4e5f6a7b8 is also at ${bad}, line 2, column 1. Nothing was imported.`,
    );
    const unknown = await runCli(['board', 'show', 'nobody', '--json'], home);
    expect(unknown.code).toBe(3);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const damaged = tempHome();
    writeFileSync(join(damaged, 'inventory.db'), 'not a database at all\n'.repeat(100));
    const before = readFileSync(join(damaged, 'inventory.db'));
    const failed = await runCli(['boards'], damaged);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/inventory .*inventory.db is damaged; it was left as it is/);
    expect(readFileSync(join(damaged, 'inventory.db')).equals(before)).toBe(true);
  });
});
