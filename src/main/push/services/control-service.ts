// SPDX-License-Identifier: Apache-2.0
// Restart, stop or start one service of a project on a board, from the Devices pane or the CLI.
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import { dockerError, type DockerTarget } from '../../docker/index.js';
import { engineTarget } from './engine-target.js';
import { listServices, type ServiceStatus } from './list-services.js';

export type ServiceAction = 'restart' | 'stop' | 'start';

export interface ControlServiceRequest {
  readonly project: string;
  readonly service: string;
  readonly action: ServiceAction;
  /** Seconds the engine waits after SIGTERM before SIGKILL (stop, restart); the engine's 10 by default. */
  readonly stopTimeoutSeconds?: number;
}

/** The engine answers 304 when a container already is in the state asked for: that is done. */
const alreadyThere = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === 304;

/** Does the action, then returns the service as it is now. */
export async function controlService(
  docker: Docker,
  request: ControlServiceRequest,
  given?: DockerTarget,
): Promise<ServiceStatus> {
  const target = engineTarget(docker, given);
  const { project, service, action } = request;
  const status = await findService(docker, project, service, target);
  const container = docker.getContainer(status.containerId);
  const t = request.stopTimeoutSeconds;
  try {
    if (action === 'start') await container.start();
    else if (action === 'stop') await container.stop(t === undefined ? {} : { t });
    else await container.restart(t === undefined ? {} : { t });
  } catch (error) {
    if (!alreadyThere(error)) throw dockerError(error, target);
  }
  return findService(docker, project, service, target);
}

async function findService(
  docker: Docker,
  project: string,
  service: string,
  target: DockerTarget,
): Promise<ServiceStatus> {
  const services = await listServices(docker, project, target);
  const found = services.find((s) => s.service === service);
  if (found) return found;
  if (services.length === 0) {
    throw new BenchtopError(
      'NOT_FOUND',
      `${target.board} runs nothing of project "${project}": push it first (\`benchtop push\`).`,
    );
  }
  const names = services.map((s) => s.service).join(', ');
  throw new BenchtopError(
    'NOT_FOUND',
    `Project "${project}" on ${target.board} has no service "${service}"; it has: ${names}.`,
  );
}
