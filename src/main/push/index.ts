// SPDX-License-Identifier: Apache-2.0
// The Push capability's public face: inspect a project, push it to boards as a job, and the
// logs and services a push leaves on a board.
import type { pushCommands } from '../../shared/contract/push.js';
import type { EventBus } from '../contract/event-bus.js';
import type { Service } from '../contract/service.js';
import type { BoardList } from '../discover/index.js';
import type { DockerClientFactory } from '../docker/index.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { genericDeviceTypes, loadProject, summarizeProject } from './project/index.js';
import { createLogsHandlers } from './logs-handlers.js';
import { rebootBoard } from './reboot-board.js';
import { runPush } from './run/push-job.js';
import { reachBoard } from './run/reach-board.js';
import type { LiveProjectSource } from './run/run-overrides.js';

export type { Composition, ServiceSpec } from './composition.js';
export { loadForBoard, type PushRequest } from './run/board-steps.js';
export { reachBoard, type ReachedBoard } from './run/reach-board.js';
export { rebuildService, type RebuildOptions, type RebuildResult } from './run/rebuild-service.js';
export {
  withRunOverrides,
  type LiveProjectSource,
  type ServiceRunOverrides,
} from './run/run-overrides.js';
export { currentPerService, findProjectContainers } from './services/index.js';

export interface PushDeps {
  readonly bus: EventBus;
  readonly jobs: JobRunner;
  readonly boards: BoardList;
  readonly docker: DockerClientFactory;
  /** The project as live sync builds and runs it (develop/), for push.start with `live`. */
  readonly liveProject?: LiveProjectSource;
}

export function createPushService(deps: PushDeps): Service<keyof typeof pushCommands> {
  const logs = createLogsHandlers(deps);
  return {
    handlers: {
      'push.inspect': async ({ source, board, deviceType, multiDockerignore }) => {
        const target =
          board === undefined
            ? {
                arch: 'amd64',
                deviceType: deviceType ?? genericDeviceTypes.amd64 ?? 'generic-amd64',
              }
            : (await reachBoard(deps, board, deviceType)).target;
        return summarizeProject(await loadProject(source, { target, multiDockerignore }));
      },
      'push.start': async ({ boards, services: _followed, ...request }, context) => {
        const count = boards.length;
        const title = `Push to ${count === 1 ? boards[0] : `${count} boards`}`;
        const job = deps.jobs.start(
          'push.start',
          title,
          (ctx) => runPush(deps, ctx, boards, request),
          context.caller.user,
        );
        return { jobId: job.id };
      },
      'board.reboot': ({ board, force }) => rebootBoard(deps, board, force),
      ...logs.handlers,
    },
    clientGone: (clientId) => logs.clientGone(clientId),
    dispose: () => logs.dispose(),
  };
}
