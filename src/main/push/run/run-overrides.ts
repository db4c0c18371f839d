// SPDX-License-Identifier: Apache-2.0
// How a service runs during live sync (livepush's #dev-cmd-live= and #dev-env=), applied to the
// composition before deploy. They change the container's config hash, so a live push replaces a
// container pushed without them, and a later push without them puts the plain one back.
import type { Composition, ServiceSpec } from '../composition.js';

export interface ServiceRunOverrides {
  readonly command?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * The project as a live push builds and runs it (livepush's directives as instructions, the
 * live command and environment); develop/ knows how, from the loaded project.
 */
export type LiveProjectSource = (
  composition: Composition,
  composeFiles: readonly string[],
) => Promise<Composition>;

export function withRunOverrides(
  composition: Composition,
  overridesOf: (service: string) => ServiceRunOverrides,
): Composition {
  const services = composition.services.map((service): ServiceSpec => {
    const { command, environment } = overridesOf(service.name);
    if (command === undefined && Object.keys(environment).length === 0) return service;
    const merged = { ...service.environment, ...environment };
    return {
      ...service,
      environment: merged,
      ...(command === undefined ? {} : { command }),
      raw: {
        ...service.raw,
        environment: merged,
        ...(command === undefined ? {} : { command: [...command] }),
      },
    };
  });
  return { ...composition, services };
}
