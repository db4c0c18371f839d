// SPDX-License-Identifier: Apache-2.0
// A run as one batch of a manifest: where its record goes, what came before it there, and
// where its numbering starts. Decided before anything is written, so a manifest is never
// replaced silently and a later batch neither repeats a name nor an address.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { FlashRequest, ManifestCard } from '../../../shared/contract/index.js';
import { addressTaken, nextFreeAddress } from '../../../shared/card-addresses.js';
import { BenchtopError } from '../../../shared/errors.js';
import { hints } from '../../../shared/error-hints.js';
import type { z } from 'zod';
import type { CardConfig } from '../configure/card-config.js';
import { manifestsFolder, readManifest, writeManifest } from './manifest.js';

type Request = z.output<typeof FlashRequest>;

export interface Batch {
  /** Where the run is recorded; undefined: a new file in Benchtop's folder, named at the end. */
  manifest: string | undefined;
  /** The cards already in the manifest, kept ahead of this run's when appending. */
  earlier: ManifestCard[];
  startIndex: number;
}

export async function planBatch(request: Request): Promise<Batch> {
  if (request.append && request.overwrite)
    throw new BenchtopError('INVALID_INPUT', 'Append to the manifest or replace it, not both.');
  if (!request.manifest) {
    if (request.append)
      throw new BenchtopError('INVALID_INPUT', 'Appending needs the manifest to add to.');
    return { manifest: undefined, earlier: [], startIndex: request.startIndex ?? 1 };
  }
  const manifest = resolve(request.manifest);
  const existing = await readManifest(manifest);
  if (existing && !request.append && !request.overwrite)
    throw BenchtopError.withHint(
      'INVALID_INPUT',
      `The manifest ${manifest} already holds ${existing.length} card${existing.length === 1 ? '' : 's'}; nothing was written. Add this run to it, or replace it.`,
      hints.manifestExists,
    );
  const earlier = request.append ? (existing ?? []) : [];
  const last = Math.max(0, ...earlier.map((card, at) => card.index ?? at + 1));
  return { manifest, earlier, startIndex: request.startIndex ?? last + 1 };
}

/** Refuses a card name or address the manifest already gave to an earlier card. */
export function checkAgainstEarlier(batch: Batch, configs: CardConfig[]): void {
  if (!batch.manifest || batch.earlier.length === 0) return;
  const names = new Set(batch.earlier.map((card) => card.hostname));
  const repeated = configs.find((card) => names.has(card.hostname));
  if (repeated)
    throw new BenchtopError(
      'INVALID_CONFIG',
      `The hostname ${repeated.hostname} is already in ${batch.manifest}; number this batch on (start index) or use another name. Nothing was written.`,
    );
  const wanted = configs.flatMap((card) => (card.address ? [card.address] : []));
  const taken = addressTaken(wanted, batch.earlier);
  if (taken) {
    const next = nextFreeAddress(batch.earlier);
    throw new BenchtopError(
      'INVALID_CONFIG',
      `The address ${taken.address} is already ${taken.hostname}'s in ${batch.manifest}${next ? `; start this batch at ${next}` : ''}. Nothing was written.`,
    );
  }
}

/** Records the run: where asked (after the earlier cards), else under Benchtop's own folder. */
export async function recordBatch(
  batch: Batch,
  cards: ManifestCard[],
  time: string,
): Promise<{ json: string; csv: string }> {
  const path =
    batch.manifest ?? join(await manifestsFolder(), `flash-${time.replace(/[:.]/g, '-')}.json`);
  if (batch.manifest) await mkdir(dirname(path), { recursive: true });
  return writeManifest(path, cards, batch.earlier);
}
