// SPDX-License-Identifier: Apache-2.0
// What the board's engine holds now: the project's containers (found by Benchtop's labels,
// never by name) and the facts the refusals need.
import type Docker from 'dockerode';
import type { Composition } from '../composition.js';
import { pushLabels } from '../composition.js';
import type { EngineContainer, EngineFacts } from './deploy-constraints.js';
import { engineError, engineStatus } from '../../docker/index.js';
import type { CurrentContainer } from './plan.js';

export interface EngineState {
  readonly current: CurrentContainer[];
  readonly facts: EngineFacts;
  /** Image id of each service that runs an `image:` as it is (built ones come from the build). */
  readonly imageIds: ReadonlyMap<string, string>;
}

const bareName = (names: readonly string[] | undefined, id: string): string =>
  (names?.[0] ?? id.slice(0, 12)).replace(/^\//, '');

function toEngineContainer(info: Docker.ContainerInfo): EngineContainer {
  const project = info.Labels[pushLabels.project];
  return {
    name: bareName(info.Names, info.Id),
    running: info.State === 'running',
    ...(project === undefined ? {} : { project }),
    publishedPorts: info.Ports.filter((p) => p.PublicPort !== undefined && p.PublicPort > 0).map(
      (p) => ({ port: p.PublicPort, protocol: p.Type }),
    ),
  };
}

function toCurrent(info: Docker.ContainerInfo): CurrentContainer {
  return {
    id: info.Id,
    name: bareName(info.Names, info.Id),
    service: info.Labels[pushLabels.service] ?? '',
    configHash: info.Labels[pushLabels.configHash] ?? '',
    running: info.State === 'running' || info.State === 'restarting',
    imageId: info.ImageID,
  };
}

async function imageId(docker: Docker, image: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(image).inspect()).Id;
  } catch (error) {
    if (engineStatus(error) === 404) return undefined;
    throw engineError(error, `looking for image ${image}`);
  }
}

export async function readEngine(docker: Docker, composition: Composition): Promise<EngineState> {
  let all: Docker.ContainerInfo[];
  try {
    all = await docker.listContainers({ all: true });
  } catch (error) {
    throw engineError(error, 'listing the containers on the board');
  }
  const ours = all.filter((info) => info.Labels[pushLabels.project] === composition.name);
  const asIs = composition.services.filter((service) => service.build === undefined);
  const found = await Promise.all(
    asIs.map(
      async (service) =>
        [service.name, service.image, await imageId(docker, service.image)] as const,
    ),
  );
  const imageIds = new Map<string, string>();
  const imagesPresent = new Set<string>();
  for (const [service, image, id] of found) {
    if (id === undefined) continue;
    imageIds.set(service, id);
    imagesPresent.add(image);
  }
  return {
    current: ours.map(toCurrent),
    facts: { containers: all.map(toEngineContainer), imagesPresent },
    imageIds,
  };
}
