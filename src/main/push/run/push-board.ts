// SPDX-License-Identifier: Apache-2.0
// One board's push, in the order that keeps a release safe: reach the engine, load the project
// for its target, take the board's lock, build every image, and only then touch containers.
import type { PushBoardResult, PushServiceOutcome } from '../../../shared/contract/push.js';
import { toErrorInfo } from '../../../shared/errors.js';
import type { TaskHandle } from '../../jobs/job-runner.js';
import { buildAll } from '../build/build-all.js';
import type { Composition } from '../composition.js';
import { deploy } from '../deploy/deploy.js';
import { createContextTar, loadProject } from '../project/index.js';
import { deployViaSupervisor } from '../supervisor/index.js';
import { takeEngineLock } from './engine-lock.js';
import { reachBoard, type ReachDeps } from './reach-board.js';
import { valuesByService, withEnvironment } from './service-values.js';

export interface PushRequest {
  readonly source: string;
  readonly env: readonly string[];
  readonly buildArgs: readonly string[];
  readonly nocache: boolean;
  readonly multiDockerignore: boolean;
  readonly deviceType?: string;
}

export interface PushOutput {
  (line: {
    board: string;
    service?: string;
    kind: 'build' | 'deploy' | 'system';
    line: string;
  }): void;
}

export interface BoardPushContext extends ReachDeps {
  readonly task: TaskHandle;
  readonly output: PushOutput;
  readonly signal: AbortSignal;
}

/** A board's result, with the project as loaded for it (undefined when loading failed). */
export type BoardOutcome = PushBoardResult & {
  readonly project?: { readonly name: string; readonly root: string };
};

export async function pushBoard(
  context: BoardPushContext,
  board: string,
  request: PushRequest,
): Promise<BoardOutcome> {
  const { task, output } = context;
  const say = (line: string): void => output({ board, kind: 'system', line });
  let address: string | undefined;
  let project: Composition | undefined;
  try {
    task.phase('connecting');
    const reached = await reachBoard(context, board, request.deviceType);
    address = reached.address;
    say(
      `${board}: engine at ${reached.address}, ${reached.target.arch} (${reached.target.deviceType}).`,
    );
    task.phase('loading project');
    const loaded = await loadProject(request.source, {
      target: reached.target,
      multiDockerignore: request.multiDockerignore,
    });
    const names = loaded.composition.services.map((service) => service.name);
    project = withEnvironment(loaded.composition, valuesByService(request.env, names, '--env'));
    const buildArgs = valuesByService(request.buildArgs, names, '--build-arg');
    const composition = project;

    const release = await takeEngineLock(reached.docker, board, composition.name);
    try {
      task.phase('building');
      const toBuild = composition.services.filter((service) => service.build !== undefined);
      let built = 0;
      task.progress({ done: 0, total: toBuild.length, unit: 'steps' });
      const images = await buildAll(
        reached.docker,
        composition,
        async (service) => (await createContextTar(service)).stream,
        {
          nocache: request.nocache,
          buildArgs,
          signal: context.signal,
          onLine: (service, line) => {
            output({ board, service, kind: 'build', line });
            if (/^Successfully tagged /.test(line)) {
              built += 1;
              task.progress({ done: built, total: toBuild.length, unit: 'steps' });
            }
          },
        },
      );
      task.phase(reached.runPath === 'supervisor' ? 'handing to the supervisor' : 'deploying');
      const onStep = (line: string): void => output({ board, kind: 'deploy', line });
      // The supervisor replaces what it decides to; Benchtop's own deploy says what it replaced.
      const result =
        reached.runPath === 'supervisor'
          ? await deployViaSupervisor({
              address: reached.address,
              composition,
              images: new Map([...images].map(([name, image]) => [name, image.tag])),
              onLine: onStep,
              signal: context.signal,
            }).then(() => ({ replaced: composition.services.map((s) => s.name), unchanged: [] }))
          : await deploy(reached.docker, composition, {
              board: `${reached.address}:2375`,
              builtImages: new Map([...images].map(([name, image]) => [name, image.imageId])),
              onStep,
            });
      task.succeed();
      const replaced = new Set(result.replaced);
      const services = composition.services.map((service): PushServiceOutcome => {
        const imageId = images.get(service.name)?.imageId;
        return {
          name: service.name,
          image: service.image,
          ...(imageId === undefined ? {} : { imageId }),
          outcome: replaced.has(service.name) ? 'replaced' : 'unchanged',
        };
      });
      return {
        board,
        project: { name: composition.name, root: composition.root },
        address: reached.address,
        state: 'succeeded',
        runPath: reached.runPath,
        target: reached.target,
        services,
      };
    } finally {
      await release().catch((error: unknown) =>
        say(`${board}: the push lock could not be removed (${toErrorInfo(error).message}).`),
      );
    }
  } catch (error) {
    task.fail(error);
    return {
      board,
      ...(project === undefined ? {} : { project: { name: project.name, root: project.root } }),
      ...(address === undefined ? {} : { address }),
      state: 'failed',
      services: [],
      error: toErrorInfo(error),
    };
  }
}
