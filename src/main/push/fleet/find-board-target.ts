// SPDX-License-Identifier: Apache-2.0
// One board's build target: its supervisor knows the arch and the device type; a plain engine
// (a development image without a supervisor in local mode, or the rig) only knows its machine.
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import { createDockerClient, dockerError } from '../../docker/index.js';
import type { BuildTarget } from '../composition.js';
import { targetFromDeviceInfo, targetFromEngineInfo } from '../project/index.js';
import { SupervisorClient } from '../supervisor/index.js';
import type { FleetBoard, TargetSource } from './fleet-board.js';
import { withTimeout } from './with-timeout.js';

/** How long one board may take to say what it is, both questions together. */
export const BOARD_TARGET_TIMEOUT_MS = 3000;

/** The two questions, injectable so recorded answers can stand in for boards. */
export interface TargetProbes {
  /** The supervisor's GET /v2/local/device-info answer. */
  readonly deviceInfo: (address: string, timeoutMs: number) => Promise<unknown>;
  /** The engine's GET /info answer. */
  readonly engineInfo: (address: string, timeoutMs: number) => Promise<{ Architecture?: unknown }>;
}

export const networkProbes: TargetProbes = {
  deviceInfo: (address, timeoutMs) => new SupervisorClient(address, { timeoutMs }).deviceInfo(),
  engineInfo: async (address, timeoutMs) => {
    const docker: Docker = await createDockerClient(address, {
      connectTimeoutMs: timeoutMs,
      requestTimeoutMs: timeoutMs,
    });
    return docker.info() as Promise<{ Architecture?: unknown }>;
  },
};

export interface BoardTarget {
  readonly target: BuildTarget;
  readonly source: TargetSource;
}

export interface FindTargetOptions {
  readonly probes?: TargetProbes;
  readonly timeoutMs?: number;
}

/**
 * Asks the supervisor and the engine at once (a dead board then costs one timeout, not two) and
 * takes the supervisor's answer when it gives one. A device type the user set wins over both.
 */
export async function findBoardTarget(
  board: FleetBoard,
  options: FindTargetOptions = {},
): Promise<BoardTarget> {
  const probes = options.probes ?? networkProbes;
  const timeoutMs = options.timeoutMs ?? BOARD_TARGET_TIMEOUT_MS;
  const fromSupervisor = probes
    .deviceInfo(board.address, timeoutMs)
    .then((answer) => targetFromDeviceInfo(answer));
  const fromEngine = probes
    .engineInfo(board.address, timeoutMs)
    .then((info) => targetFromEngineInfo(info, board.deviceType));
  // Whichever is not awaited must not surface as an unhandled rejection.
  fromSupervisor.catch(() => undefined);
  let engineAnswer: BuildTarget | undefined;
  fromEngine.then(
    (target) => (engineAnswer = target),
    () => undefined,
  );
  const answer = async (): Promise<BoardTarget> => {
    const supervisor = await fromSupervisor.then(
      (target) => target,
      () => undefined,
    );
    if (supervisor !== undefined) {
      const target =
        board.deviceType === undefined
          ? supervisor
          : { ...supervisor, deviceType: board.deviceType };
      return { target, source: 'supervisor' };
    }
    const target = await fromEngine.catch((error: unknown) => {
      throw error instanceof BenchtopError
        ? error
        : dockerError(error, { board: board.name, address: board.address });
    });
    return { target, source: 'engine' };
  };
  return withTimeout(answer(), timeoutMs, `${board.name} (${board.address})`).catch(
    (error: unknown) => {
      // A supervisor silent to the end does not waste an answer the engine gave meanwhile.
      if (engineAnswer !== undefined) return { target: engineAnswer, source: 'engine' as const };
      throw error;
    },
  );
}
