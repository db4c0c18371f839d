// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { refuseAliases } from '../../../src/main/flash/write/refuse-aliases.js';

const dir = mkdtempSync(join(tmpdir(), 'aliases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const card = join(dir, 'card.bin');
writeFileSync(card, '');
symlinkSync(card, join(dir, 'link'));

describe('one target named twice', () => {
  it('through a link: refused, naming both spellings', async () => {
    await expect(refuseAliases([card, join(dir, 'link')])).rejects.toThrow(
      `${card} and ${join(dir, 'link')} are the same drive`,
    );
  });

  it('through .. in the path', async () => {
    await expect(
      refuseAliases([card, `${dir}/../${dir.split('/').pop()}/card.bin`]),
    ).rejects.toThrow(/are the same drive/);
  });

  it('the same string twice', async () => {
    await expect(refuseAliases([card, card])).rejects.toThrow(`${card} is listed twice`);
  });

  it('different targets pass', async () => {
    writeFileSync(join(dir, 'other.bin'), '');
    await expect(refuseAliases([card, join(dir, 'other.bin')])).resolves.toBeUndefined();
  });
});
