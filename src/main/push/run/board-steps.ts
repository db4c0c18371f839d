// SPDX-License-Identifier: Apache-2.0
// The steps of a push on one board, apart so that one build can serve several boards of a
// kind (fleet/): prepare (reach the engine, load the project for its target, take its lock),
// build every image, then run the release. Nothing touches a container before every image is
// built.
import type { PushServiceOutcome } from '../../../shared/contract/push.js';
import type { TaskHandle } from '../../jobs/job-runner.js';
import { buildAll } from '../build/build-all.js';
import type { BuiltImage } from '../build/build-service.js';
import type { Composition } from '../composition.js';
import { deploy } from '../deploy/deploy.js';
import { releaseId } from '../deploy/release-id.js';
import { contextDigest, createContextTar, loadProject } from '../project/index.js';
import { deployViaSupervisor } from '../supervisor/index.js';
import { takeEngineLock } from './engine-lock.js';
import { reachBoard, type ReachDeps, type ReachedBoard } from './reach-board.js';
import type { LiveProjectSource } from './run-overrides.js';
import { valuesByService, withEnvironment, type PerService } from './service-values.js';

export interface PushRequest {
  readonly source: string;
  readonly env: readonly string[];
  readonly buildArgs: readonly string[];
  readonly nocache: boolean;
  readonly multiDockerignore: boolean;
  readonly deviceType?: string;
  /** Build and deploy the project as live sync runs it (the caller's liveProject). */
  readonly live?: boolean;
}

export type PushOutput = (line: {
  board: string;
  service?: string;
  kind: 'build' | 'deploy' | 'system';
  line: string;
}) => void;

/** What a project needs from develop/ to run live; given by the engine, so push never imports it. */
export interface LiveDeps {
  readonly liveProject?: LiveProjectSource;
}

export interface BoardPushContext extends ReachDeps, LiveDeps {
  readonly task: TaskHandle;
  readonly output: PushOutput;
  readonly signal: AbortSignal;
}

/** A board reached, its project loaded and its lock held: `release` must be called. */
export interface PreparedBoard {
  readonly reached: ReachedBoard;
  readonly composition: Composition;
  readonly buildArgs: PerService;
  release(): Promise<void>;
}

export async function prepareBoard(
  context: BoardPushContext,
  board: string,
  request: PushRequest,
  onReached: (reached: ReachedBoard) => void,
): Promise<PreparedBoard> {
  context.task.phase('connecting');
  const reached = await reachBoard(context, board, request.deviceType);
  onReached(reached);
  context.output({
    board,
    kind: 'system',
    line: `${board}: ${reached.runPath === 'supervisor' ? 'supervisor' : 'engine'} at ${reached.address}, ${reached.target.arch} (${reached.target.deviceType}).`,
  });
  context.task.phase('loading project');
  const { composition, buildArgs } = await loadForBoard(context, reached, request);
  const release = await takeEngineLock(reached.docker, board, composition.name);
  return { reached, composition, buildArgs, release };
}

/** The project as a push to this board builds and runs it: --env, --build-arg, live overrides. */
export async function loadForBoard(
  deps: LiveDeps,
  reached: ReachedBoard,
  request: PushRequest,
): Promise<{ composition: Composition; buildArgs: PerService; composeFiles: readonly string[] }> {
  const loaded = await loadProject(request.source, {
    target: reached.target,
    multiDockerignore: request.multiDockerignore,
  });
  const names = loaded.composition.services.map((service) => service.name);
  const withEnv = withEnvironment(loaded.composition, valuesByService(request.env, names, '--env'));
  const buildArgs = valuesByService(request.buildArgs, names, '--build-arg');
  const composition =
    request.live === true && deps.liveProject !== undefined
      ? await deps.liveProject(withEnv, loaded.composeFiles)
      : withEnv;
  return { composition, buildArgs, composeFiles: loaded.composeFiles };
}

export async function buildOnBoard(
  context: BoardPushContext,
  prepared: PreparedBoard,
  request: PushRequest,
): Promise<Map<string, BuiltImage>> {
  const { task, output } = context;
  const board = prepared.reached.name;
  task.phase('building');
  const total = prepared.composition.services.filter((s) => s.build !== undefined).length;
  let built = 0;
  task.progress({ done: 0, total, unit: 'steps' });
  return buildAll(
    prepared.reached.docker,
    prepared.composition,
    async (service) => (await createContextTar(service)).stream,
    {
      nocache: request.nocache,
      buildArgs: prepared.buildArgs,
      signal: context.signal,
      digestOf: (service) => contextDigest(service, prepared.buildArgs[service.name]),
      onLine: (service, line) => output({ board, service, kind: 'build', line }),
      onBuilt: () => {
        built += 1;
        task.progress({ done: built, total, unit: 'steps' });
      },
    },
  );
}

/** What a board runs after its push: each service's outcome, and the release's short id. */
export interface Deployed {
  readonly services: PushServiceOutcome[];
  readonly release: string;
}

/** Runs the release; `images` are the built images' tag and id by service. */
export async function deployOnBoard(
  context: BoardPushContext,
  prepared: PreparedBoard,
  images: ReadonlyMap<string, { readonly tag: string; readonly imageId: string }>,
): Promise<Deployed> {
  const { reached, composition } = prepared;
  context.task.phase(reached.runPath === 'supervisor' ? 'handing to the supervisor' : 'deploying');
  const onStep = (line: string): void =>
    context.output({ board: reached.name, kind: 'deploy', line });
  // The supervisor replaces what it decides to; Benchtop's own deploy says what it replaced.
  const replaced =
    reached.runPath === 'supervisor'
      ? await deployViaSupervisor({
          address: reached.address,
          composition,
          images: new Map([...images].map(([name, image]) => [name, image.tag])),
          onLine: onStep,
          signal: context.signal,
        }).then(() => composition.services.map((service) => service.name))
      : (
          await deploy(reached.docker, composition, {
            board: `${reached.address}:2375`,
            builtImages: new Map([...images].map(([name, image]) => [name, image.imageId])),
            onStep,
          })
        ).replaced;
  const services = composition.services.map((service): PushServiceOutcome => {
    const imageId = images.get(service.name)?.imageId;
    return {
      name: service.name,
      image: service.image,
      ...(imageId === undefined ? {} : { imageId }),
      outcome: replaced.includes(service.name) ? 'replaced' : 'unchanged',
    };
  });
  const imageIds = new Map([...images].map(([name, image]) => [name, image.imageId]));
  return { services, release: releaseId(composition, imageIds) };
}
