// SPDX-License-Identifier: Apache-2.0
// The target state a local push posts: the board's current one with its app replaced by ours,
// in the v2 shape balena-cli sends (supervisors still take it and migrate it to v3). The
// device's own part (`local.name`, `local.config`: its name, boot and host settings) is kept as
// it is, or posting would reset it.
import { BenchtopError } from '../../../shared/errors.js';
import type { Composition } from '../composition.js';
import { localAppName, localReleaseHash } from '../project/index.js';
import type { LocalTargetState } from './supervisor-client.js';
import { supervisorServiceConfig } from './supervisor-service-config.js';

/** The app id balena-cli uses for a local push; the supervisor keys local apps by it. */
export const localAppId = '1';

/** balena-cli's name for a service's image built for a local push. */
export function localImageName(service: string): string {
  return `local_image_${service}:latest`;
}

export interface LocalApp {
  readonly name: string;
  readonly commit: string;
  readonly releaseId: string;
  /** By service id ("1", "2"… in the composition's order), each naming its service. */
  readonly services: Readonly<Record<string, Record<string, unknown>>>;
  readonly volumes: Readonly<Record<string, Record<string, unknown>>>;
  readonly networks: Readonly<Record<string, Record<string, unknown>>>;
}

export interface PostedTargetState {
  readonly local: LocalTargetState['local'] & { readonly apps: Record<string, LocalApp> };
}

/**
 * `images` maps each service to the image it runs on the board (built or tagged there before
 * this is posted); a service missing from it runs local_image_<service>:latest.
 */
export function localTargetState(
  current: LocalTargetState,
  composition: Composition,
  images: ReadonlyMap<string, string> = new Map(),
): PostedTargetState {
  refuseExternal(composition);
  const services: Record<string, Record<string, unknown>> = {};
  composition.services.forEach((service, index) => {
    const id = index + 1;
    services[String(id)] = {
      ...supervisorServiceConfig(service, images.get(service.name) ?? localImageName(service.name)),
      serviceName: service.name,
      serviceId: id,
      imageId: id,
      running: true,
    };
  });
  const app: LocalApp = {
    name: localAppName,
    // Every local push uses balena's one local release hash, as balena-cli does; the
    // supervisor compares services, not commits, to decide what to replace.
    commit: localReleaseHash,
    releaseId: '1',
    services,
    volumes: resources(composition.volumes),
    networks: resources(composition.networks),
  };
  return { local: { ...current.local, apps: { [localAppId]: app } } };
}

function resources(
  declared: Readonly<Record<string, { driver?: string; labels: Readonly<Record<string, string>> }>>,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(declared).map(([name, spec]) => [
      name,
      {
        ...(spec.driver === undefined ? {} : { driver: spec.driver }),
        ...(Object.keys(spec.labels).length === 0 ? {} : { labels: { ...spec.labels } }),
      },
    ]),
  );
}

/** A supervisor creates every volume and network of its app (prefixed with the app id). */
function refuseExternal(composition: Composition): void {
  for (const [kind, declared] of [
    ['volume', composition.volumes],
    ['network', composition.networks],
  ] as const) {
    const external = Object.entries(declared).find(([, spec]) => spec.external);
    if (external !== undefined) {
      throw new BenchtopError(
        'UNSUPPORTED',
        `The ${kind} "${external[0]}" is external: a balena supervisor makes every ${kind} of its ` +
          `app itself and cannot use one that already exists. Remove "external", or push to a plain engine.`,
      );
    }
  }
}
