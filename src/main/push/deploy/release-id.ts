// SPDX-License-Identifier: Apache-2.0
// A short id for what a push leaves running on a board: the project's name and, per service,
// the hash deploy compares containers by (its settings and image). Pushing the same thing again
// gives the same id, so a board's history shows when a push changed nothing.
import { createHash } from 'node:crypto';
import type { Composition } from '../composition.js';
import { configHash } from './config-hash.js';
import { containerSpec } from './container-spec.js';

/** 12 hex digits, as Docker shortens its ids. */
export function releaseId(composition: Composition, imageIds: ReadonlyMap<string, string>): string {
  const services = composition.services
    .map((service) => [
      service.name,
      // An image-only service is named by its reference: its id is the engine's to know.
      configHash(containerSpec(composition, service), imageIds.get(service.name) ?? service.image),
    ])
    .sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify({ project: composition.name, services }))
    .digest('hex')
    .slice(0, 12);
}
