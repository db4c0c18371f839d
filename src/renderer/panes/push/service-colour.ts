// SPDX-License-Identifier: Apache-2.0

/** Colours in pushes.css (.svc-0 … .svc-7); a service keeps its colour across pushes. */
export const SERVICE_COLOURS = 8;

export function serviceColour(service: string): number {
  let hash = 0;
  for (const char of service) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % SERVICE_COLOURS;
}
