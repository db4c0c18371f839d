// SPDX-License-Identifier: Apache-2.0
// The containers a push made on a plain engine, found by the labels it put on them (names can
// be taken by anyone; labels say who made a container and for which project and service).
import type Docker from 'dockerode';
import { pushLabels } from '../composition.js';

export interface ProjectContainer {
  readonly id: string;
  readonly project: string;
  readonly service: string;
  /** The engine's state word: created, running, paused, restarting, removing, exited, dead. */
  readonly state: string;
  readonly image: string;
  /** Unix seconds. */
  readonly created: number;
}

/** Every container of `project` on this engine, or of every Benchtop project when none is named. */
export async function findProjectContainers(
  docker: Docker,
  project?: string,
): Promise<ProjectContainer[]> {
  const label = project === undefined ? [pushLabels.project] : [`${pushLabels.project}=${project}`];
  const found = await docker.listContainers({
    all: true,
    filters: { label: [...label, pushLabels.service] },
  });
  return found
    .map((c) => ({
      id: c.Id,
      project: c.Labels[pushLabels.project] ?? '',
      service: c.Labels[pushLabels.service] ?? '',
      state: c.State,
      image: c.Image,
      created: c.Created,
    }))
    .sort(
      (a, b) =>
        a.project.localeCompare(b.project) ||
        a.service.localeCompare(b.service) ||
        a.created - b.created,
    );
}

/**
 * One container per service: the running one, else the newest. (During a hand-over update two
 * containers share a service for a while.)
 */
export function currentPerService(containers: readonly ProjectContainer[]): ProjectContainer[] {
  const chosen = new Map<string, ProjectContainer>();
  for (const c of containers) {
    const key = `${c.project}\u0000${c.service}`;
    const held = chosen.get(key);
    const better =
      !held ||
      running(c) > running(held) ||
      (running(c) === running(held) && c.created >= held.created);
    if (better) chosen.set(key, c);
  }
  return [...chosen.values()];
}

const running = (c: ProjectContainer): number => (c.state === 'running' ? 1 : 0);
