// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ManifestCard } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/errors.js';
import { benchtopHome } from '../../settings/paths.js';

export const Manifest = z.object({ cards: z.array(ManifestCard) });
export type Manifest = z.infer<typeof Manifest>;

const COLUMNS = [
  'target',
  'serial',
  'uuid',
  'hostname',
  'imageChecksum',
  'verified',
  'configVerified',
  'time',
  'error',
] as const;

export const csvPathFor = (path: string): string =>
  path.endsWith('.json') ? `${path.slice(0, -5)}.csv` : `${path}.csv`;

function csvCell(value: string | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(manifest: Manifest): string {
  const rows = manifest.cards.map((card) =>
    COLUMNS.map((column) => csvCell(card[column])).join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\n')}\n`;
}

/**
 * Benchtop's own folder of run records (uuids, and keys a config may carry): 0700, even
 * when it was made earlier with a looser mode.
 */
export async function manifestsFolder(): Promise<string> {
  const folder = join(benchtopHome(), 'manifests');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  return folder;
}

/**
 * A fresh 0600 file, swapped in by rename: an existing file keeps no older, looser mode, and
 * no reader ever sees half of it. O_EXCL on the temporary name follows no planted link.
 */
async function writePrivate(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.benchtop-${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
  await rename(temp, path).catch(async (error: unknown) => {
    await rm(temp, { force: true });
    throw error;
  });
}

/** Writes the run's cards (after those already there, with append) as JSON and CSV beside it. */
export async function writeManifest(
  path: string,
  cards: ManifestCard[],
  append: boolean,
): Promise<{ json: string; csv: string }> {
  let existing: ManifestCard[] = [];
  if (append) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const parsed = Manifest.safeParse(JSON.parse(text));
      if (!parsed.success)
        throw new BenchtopError(
          'INVALID_INPUT',
          `${path} is not a Benchtop manifest, so this run's cards were not appended to it.`,
        );
      existing = parsed.data.cards;
    }
  }
  const manifest: Manifest = { cards: [...existing, ...cards] };
  const csv = csvPathFor(path);
  await writePrivate(path, `${JSON.stringify(manifest, null, 2)}\n`);
  await writePrivate(csv, toCsv(manifest));
  return { json: path, csv };
}
