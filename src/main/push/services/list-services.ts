// SPDX-License-Identifier: Apache-2.0
// What runs of a project on a board, per service, as a fleet dashboard's device page shows it.
import type Docker from 'dockerode';
import { dockerError, type DockerTarget } from '../../docker/index.js';
import { engineTarget } from './engine-target.js';
import { currentPerService, findProjectContainers } from './project-containers.js';

export interface ServiceStatus {
  readonly project: string;
  readonly service: string;
  readonly containerId: string;
  /** The engine's word: created, running, paused, restarting, removing, exited, dead. */
  readonly state: string;
  /** The image as the container was created from it (a tag, or an id when the tag moved on). */
  readonly image: string;
  /** ISO time of the last start, or null when it never started. */
  readonly startedAt: string | null;
  /** How many times the engine restarted it by its restart policy. */
  readonly restartCount: number;
  /** The exit code of the last run, when it is not running. */
  readonly exitCode: number | null;
  /** starting, healthy or unhealthy; null when the image has no health check. */
  readonly health: string | null;
}

/** The engine's zero time for "never". */
const NEVER = '0001-01-01T00:00:00Z';

/** Every service of `project` (or of every Benchtop project) on this engine, by name. */
export async function listServices(
  docker: Docker,
  project?: string,
  target?: DockerTarget,
): Promise<ServiceStatus[]> {
  try {
    const containers = currentPerService(await findProjectContainers(docker, project));
    return await Promise.all(
      containers.map(async (c): Promise<ServiceStatus> => {
        const info = await docker.getContainer(c.id).inspect();
        const running = info.State.Running;
        return {
          project: c.project,
          service: c.service,
          containerId: c.id,
          state: info.State.Status,
          image: info.Config.Image || c.image,
          startedAt: info.State.StartedAt.startsWith(NEVER.slice(0, 4))
            ? null
            : info.State.StartedAt,
          restartCount: info.RestartCount,
          exitCode: running ? null : info.State.ExitCode,
          health: info.State.Health?.Status ?? null,
        };
      }),
    );
  } catch (error) {
    throw dockerError(error, engineTarget(docker, target));
  }
}
