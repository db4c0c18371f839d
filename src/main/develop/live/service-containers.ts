// SPDX-License-Identifier: Apache-2.0
// The running container of each service of a pushed project, found by push's labels, asked for
// at every sync: a rebuild or an update strategy gives a service a new container.
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import { currentPerService, findProjectContainers } from '../../push/index.js';

export async function runningContainers(
  docker: Docker,
  project: string,
): Promise<Map<string, Docker.Container>> {
  const found = currentPerService(await findProjectContainers(docker, project));
  return new Map(
    found
      .filter((container) => container.state === 'running')
      .map((container) => [container.service, docker.getContainer(container.id)] as const),
  );
}

export function containerOf(
  containers: ReadonlyMap<string, Docker.Container>,
  service: string,
  board: string,
): Docker.Container {
  const container = containers.get(service);
  if (container === undefined) {
    throw new BenchtopError(
      'NOT_FOUND',
      `Service ${service} has no running container on ${board}: its change was not synced.`,
      'Push the project again (benchtop push), or start the service (benchtop device services).',
    );
  }
  return container;
}
