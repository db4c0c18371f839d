// SPDX-License-Identifier: Apache-2.0

/** Colours in pushes.css (.svc-0 … .svc-7). */
export const SERVICE_COLOURS = 8;

/**
 * Each service's colour in one view, by the order services first appear in it: a project's few
 * services never share a colour (a hash of the name made three of four alike).
 */
export function serviceColours(services: Iterable<string>): Map<string, number> {
  const colours = new Map<string, number>();
  for (const service of services) {
    if (!colours.has(service)) colours.set(service, colours.size % SERVICE_COLOURS);
  }
  return colours;
}
