// SPDX-License-Identifier: Apache-2.0
// Reasons to refuse a deploy before touching anything, as small pure checks over facts read
// from the engine (the shape of flash/drives/drive-constraints.ts). Each refusal says what is
// wrong and names the service or container; an empty list means go.
import { BenchtopError } from '../../../shared/errors.js';
import type { Composition } from '../composition.js';
import { updateStrategy } from './update-strategy.js';

/** A container on the board, as far as the checks care. */
export interface EngineContainer {
  readonly name: string;
  readonly running: boolean;
  /** The Benchtop project that made it, if any. */
  readonly project?: string;
  readonly publishedPorts: readonly { readonly port: number; readonly protocol: string }[];
}

export interface EngineFacts {
  readonly containers: readonly EngineContainer[];
  /** Images the project runs as they are (`image:`), and whether the board has each. */
  readonly imagesPresent: ReadonlySet<string>;
}

const SUPERVISOR_NAMES = new Set(['balena_supervisor', 'resin_supervisor']);

export function supervisorRefusals(facts: EngineFacts): BenchtopError[] {
  const supervisor = facts.containers.find((c) => SUPERVISOR_NAMES.has(c.name));
  if (supervisor === undefined) return [];
  return [
    new BenchtopError(
      'UNREACHABLE',
      `This board's engine runs a balena supervisor (${supervisor.name}), but its API does not answer; Benchtop will not run containers beside it. Put the board in local mode (a development image), then push again.`,
    ),
  ];
}

const hostPorts = (composition: Composition, name: string) =>
  composition.services
    .find((service) => service.name === name)
    ?.ports.filter((port) => port.published !== undefined) ?? [];

export function handoverRefusals(composition: Composition): BenchtopError[] {
  return composition.services
    .filter((service) => updateStrategy(service.labels) === 'hand-over')
    .filter((service) => hostPorts(composition, service.name).length > 0)
    .map(
      (service) =>
        new BenchtopError(
          'INVALID_CONFIG',
          `Service ${service.name} uses the hand-over update strategy and publishes host port ${String(hostPorts(composition, service.name)[0]?.published)}: the new and old container cannot both hold it. Use another strategy or drop the published port.`,
        ),
    );
}

export function portRefusals(composition: Composition, facts: EngineFacts): BenchtopError[] {
  const refusals: BenchtopError[] = [];
  const claimed = new Map<string, string>();
  for (const service of composition.services) {
    for (const port of service.ports) {
      if (port.published === undefined) continue;
      const key = `${port.published}/${port.protocol}`;
      const other = claimed.get(key);
      if (other !== undefined) {
        refusals.push(
          new BenchtopError(
            'INVALID_CONFIG',
            `Services ${other} and ${service.name} both publish port ${key}.`,
          ),
        );
      }
      claimed.set(key, service.name);
      // This project's own containers give their ports up when they are replaced.
      const holder = facts.containers.find(
        (c) =>
          c.running &&
          c.project !== composition.name &&
          c.publishedPorts.some((p) => p.port === port.published && p.protocol === port.protocol),
      );
      if (holder !== undefined) {
        refusals.push(
          new BenchtopError(
            'BUSY',
            `Port ${key} that service ${service.name} publishes is already taken on the board by container ${holder.name}.`,
          ),
        );
      }
    }
  }
  return refusals;
}

export function imageRefusals(composition: Composition, facts: EngineFacts): BenchtopError[] {
  return composition.services
    .filter((service) => service.build === undefined && !facts.imagesPresent.has(service.image))
    .map(
      (service) =>
        new BenchtopError(
          'NOT_FOUND',
          `Service ${service.name} runs image ${service.image}, which the board does not have, and there is no registry to pull it from. Load it onto the board (docker load) or give the service a build section.`,
        ),
    );
}

/** Every refusal, most fundamental first. */
export function deployRefusals(composition: Composition, facts: EngineFacts): BenchtopError[] {
  return [
    ...supervisorRefusals(facts),
    ...handoverRefusals(composition),
    ...imageRefusals(composition, facts),
    ...portRefusals(composition, facts),
  ];
}
