// SPDX-License-Identifier: Apache-2.0
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ManifestCard } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/errors.js';

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
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(csv, toCsv(manifest));
  return { json: path, csv };
}
