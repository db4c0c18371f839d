// SPDX-License-Identifier: Apache-2.0
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ManifestCard } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/errors.js';
import { benchtopHome } from '../../settings/paths.js';
import { writePrivateFile } from '../../settings/write-private-file.js';

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
  // Added later: at the end, so readers of the older columns keep working.
  'index',
  'address',
  'slot',
  'labels',
] as const;

export const csvPathFor = (path: string): string =>
  path.endsWith('.json') ? `${path.slice(0, -5)}.csv` : `${path}.csv`;

function csvCell(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(manifest: Manifest): string {
  const rows = manifest.cards.map((card) =>
    COLUMNS.map((column) => {
      const value = card[column];
      // Labels as the cards table takes them: separated by spaces.
      return csvCell(Array.isArray(value) ? value.join(' ') : value);
    }).join(','),
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

/** The cards of the manifest at `path`; undefined when there is none. */
export async function readManifest(path: string): Promise<ManifestCard[] | undefined> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new BenchtopError('INVALID_INPUT', `Cannot read the manifest ${path}: ${error.message}.`);
  });
  if (text === undefined) return undefined;
  let parsed: ReturnType<typeof Manifest.safeParse> | undefined;
  try {
    parsed = Manifest.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success)
    throw new BenchtopError(
      'INVALID_INPUT',
      `${path} is not a Benchtop manifest, so this run's cards cannot be added to it.`,
    );
  return parsed.data.cards;
}

/** Writes the earlier cards and then this run's as JSON, and as CSV beside it. */
export async function writeManifest(
  path: string,
  cards: ManifestCard[],
  earlier: ManifestCard[] = [],
): Promise<{ json: string; csv: string }> {
  const manifest: Manifest = { cards: [...earlier, ...cards] };
  const csv = csvPathFor(path);
  await writePrivateFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
  await writePrivateFile(csv, toCsv(manifest));
  return { json: path, csv };
}
