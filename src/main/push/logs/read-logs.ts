// SPDX-License-Identifier: Apache-2.0
// `benchtop logs` without --follow: what each service has logged so far, in time order.
import type Docker from 'dockerode';
import { dockerError, type DockerTarget } from '../../docker/index.js';
import { engineTarget } from '../services/engine-target.js';
import { readContainerLog } from './container-log.js';
import type { ServiceLogLine } from './log-line.js';
import { DEFAULT_TAIL, selectContainers, type LogSelection } from './log-selection.js';
import { mergeByTime } from './merge-lines.js';

export interface ReadLogsOptions extends LogSelection {
  /** The last N lines of each container (default 100). */
  readonly tail?: number;
  readonly signal?: AbortSignal;
  /** Names the board in errors (default: the engine's address). */
  readonly target?: DockerTarget;
}

export async function readLogs(
  docker: Docker,
  options: ReadLogsOptions = {},
): Promise<ServiceLogLine[]> {
  try {
    const containers = await selectContainers(docker, options);
    const perContainer = await Promise.all(
      containers.map(async (container) => {
        const lines: ServiceLogLine[] = [];
        await readContainerLog(docker, {
          container,
          follow: false,
          tail: options.tail ?? DEFAULT_TAIL,
          ...(options.signal ? { signal: options.signal } : {}),
          onLine: (line) => lines.push(line),
        });
        return lines;
      }),
    );
    return mergeByTime(perContainer);
  } catch (error) {
    throw dockerError(error, engineTarget(docker, options.target));
  }
}
