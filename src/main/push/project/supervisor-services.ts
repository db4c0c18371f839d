// SPDX-License-Identifier: Apache-2.0
// The services as a balena supervisor in local mode takes them in a target state: compose's
// own keys only. It rejects `x-` extensions and `develop`, and builds happen before, on the engine.
import type { Composition, ServiceSpec } from '../composition.js';
import { isRecord } from './compose-values.js';

/** Keys whose entries are the user's names, not compose keys: an `x-` there is data. */
const freeKeyMaps = new Set([
  'environment',
  'labels',
  'annotations',
  'sysctls',
  'extra_hosts',
  'args',
]);
const notForSupervisor = new Set(['build', 'develop']);

/** One service as it goes into the supervisor's target state, by service name. */
export function supervisorService(service: ServiceSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(service.raw)) {
    if (key.startsWith('x-') || notForSupervisor.has(key)) continue;
    out[key] = freeKeyMaps.has(key) ? value : withoutExtensions(value);
  }
  // A built service runs the image the build tagged; an image-only one keeps its own.
  out.image = service.image;
  return out;
}

export function supervisorServices(
  composition: Composition,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    composition.services.map((service) => [service.name, supervisorService(service)]),
  );
}

function withoutExtensions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutExtensions);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith('x-'))
      .map(([key, item]) => [key, freeKeyMaps.has(key) ? item : withoutExtensions(item)]),
  );
}
