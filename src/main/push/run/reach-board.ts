// SPDX-License-Identifier: Apache-2.0
// From "ADDR|NAME" to a board's engine that answered: an address is used as given, listed or
// not, and probed now; a dead or wrong one fails within the Docker client's 3 s connect timeout
// (and a port that accepts but never answers within PROBE_TIMEOUT_MS), naming the board. Then
// which way the release runs: its supervisor when one answers, else the plain engine.
import type Docker from 'dockerode';
import type { PushTarget } from '../../../shared/contract/push.js';
import type { BoardList } from '../../discover/index.js';
import { dockerError, type DockerClientFactory } from '../../docker/index.js';
import { targetFromDeviceInfo, targetFromEngineInfo } from '../project/index.js';
import { detectRunPath, SupervisorClient, type RunPath } from '../supervisor/index.js';

const PROBE_TIMEOUT_MS = 5000;

export interface ReachedBoard {
  /** The board as it was named. */
  readonly name: string;
  readonly address: string;
  /** For builds and deploys: no deadline on whole requests (a build streams for minutes). */
  readonly docker: Docker;
  /** 'supervisor' when the board's supervisor answers (balenaOS), else Benchtop runs the release. */
  readonly runPath: RunPath;
  /** The supervisor's device-info, else the engine's /info with the device type given or generic. */
  readonly target: PushTarget;
}

export interface ReachDeps {
  readonly boards: BoardList;
  readonly docker: DockerClientFactory;
}

export async function reachBoard(
  deps: ReachDeps,
  name: string,
  deviceType?: string,
): Promise<ReachedBoard> {
  const { address } = await deps.boards.resolve(name);
  const where = { board: name, address };
  const probe = await deps.docker(address, { requestTimeoutMs: PROBE_TIMEOUT_MS });
  const info = (await probe.info().catch((error: unknown) => {
    throw dockerError(error, where);
  })) as { Architecture?: unknown };
  const docker = await deps.docker(address);
  const runPath = await detectRunPath(address, {
    listContainerNames: async () =>
      (
        await docker.listContainers({ all: true }).catch((error: unknown) => {
          throw dockerError(error, where);
        })
      ).flatMap((container) => container.Names),
  });
  const target =
    runPath === 'supervisor'
      ? targetFromDeviceInfo(await new SupervisorClient(address).deviceInfo())
      : targetFromEngineInfo(info, deviceType);
  return { name, address, docker, runPath, target };
}
