// SPDX-License-Identifier: Apache-2.0
// The containers on a board's engine that a shell can open into.
import type Docker from 'dockerode';
import type { ShellTarget, ShellTargetInfo } from '../../shared/contract/index.js';
import type { BoardList } from '../discover/index.js';
import { dockerError, type DockerClientFactory, type DockerTarget } from '../docker/index.js';
import { byService, nameContainer, pickContainer, type ContainerEntry } from './pick-container.js';

interface Deps {
  readonly boards: BoardList;
  readonly docker: DockerClientFactory;
}

async function containersOn(
  deps: Deps,
  board: string,
  address: string,
): Promise<{ docker: Docker; target: DockerTarget; entries: ContainerEntry[] }> {
  const target: DockerTarget = { board, address };
  const docker = await deps.docker(address);
  try {
    const listed = await docker.listContainers({ all: true });
    const entries = listed.map((c) => ({
      id: c.Id,
      names: c.Names,
      labels: c.Labels,
      state: c.State,
    }));
    return { docker, target, entries };
  } catch (error) {
    throw dockerError(error, target);
  }
}

export async function findContainer(
  deps: Deps,
  board: string,
  address: string,
  wanted: Extract<ShellTarget, { kind: 'service' }>,
) {
  const { docker, target, entries } = await containersOn(deps, board, address);
  return { docker, target, container: pickContainer(entries, wanted, board) };
}

/** The host OS first, then every container, running ones first. */
export async function listTargets(deps: Deps, board: string): Promise<ShellTargetInfo[]> {
  const { address } = await deps.boards.resolve(board);
  const { entries } = await containersOn(deps, board, address);
  const containers = entries.map(nameContainer).sort(byService);
  return [
    { kind: 'host', label: 'Host OS' },
    ...containers.map((c): ShellTargetInfo => ({
      kind: 'service',
      label: c.project === undefined ? c.service : `${c.service} (${c.project})`,
      service: c.service,
      ...(c.project === undefined ? {} : { project: c.project }),
      containerId: c.id,
      state: c.state,
    })),
  ];
}
