// SPDX-License-Identifier: Apache-2.0
// `--env` and `--build-arg` as balena-cli takes them: `[service:]KEY=VALUE`, a value without a
// service going to every service, a service's own value winning over the shared one.
import { BenchtopError } from '../../../shared/errors.js';
import type { Composition, ServiceSpec } from '../composition.js';

export type PerService = Record<string, Record<string, string>>;

/** Splits each entry by service; unknown service names are an error naming them. */
export function valuesByService(
  entries: readonly string[],
  services: readonly string[],
  option: string,
): PerService {
  const shared: Record<string, string> = {};
  const own: PerService = {};
  for (const entry of entries) {
    const match = /^(?:([A-Za-z0-9][A-Za-z0-9_.-]*):)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(entry);
    if (match === null) {
      throw new BenchtopError(
        'INVALID_INPUT',
        `${option} takes [service:]KEY=VALUE, not "${entry}".`,
      );
    }
    const [, service, key = '', value = ''] = match;
    if (service === undefined) {
      shared[key] = value;
      continue;
    }
    if (!services.includes(service)) {
      throw new BenchtopError(
        'INVALID_INPUT',
        `${option} ${entry} names service "${service}", which the project does not have (${services.join(', ')}).`,
      );
    }
    own[service] = { ...own[service], [key]: value };
  }
  return Object.fromEntries(services.map((name) => [name, { ...shared, ...own[name] }]));
}

/**
 * The composition with `--env` values over each service's environment; `raw` too, since a
 * supervisor's target state is made from it.
 */
export function withEnvironment(composition: Composition, env: PerService): Composition {
  const services = composition.services.map((service): ServiceSpec => {
    const extra = env[service.name] ?? {};
    if (Object.keys(extra).length === 0) return service;
    const environment = { ...service.environment, ...extra };
    return { ...service, environment, raw: { ...service.raw, environment } };
  });
  return { ...composition, services };
}
