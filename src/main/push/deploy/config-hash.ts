// SPDX-License-Identifier: Apache-2.0
// The hash that tells a changed service from an unchanged one: everything the container is
// created with, plus the image id (a rebuilt image with new layers is a change even when the
// tag is the same). Keys are sorted so the same request always hashes the same.
import { createHash } from 'node:crypto';
import type { ContainerSpec } from './container-spec.js';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]),
  );
}

export function configHash(spec: ContainerSpec, imageId: string): string {
  const text = JSON.stringify(canonical({ spec, imageId }));
  return createHash('sha256').update(text).digest('hex');
}
