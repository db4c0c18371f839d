// SPDX-License-Identifier: Apache-2.0
// Several boards in one push: every board prepared (reached, project loaded, lock taken) at
// once, then fleet/ builds once per kind of board, copies the images to the others of that
// kind, and runs the release on each. Every board's locks are held until all are done.
import { toErrorInfo } from '../../../shared/errors.js';
import type { JobContext, TaskHandle } from '../../jobs/job-runner.js';
import { pushToFleet, type FleetBoard } from '../fleet/index.js';
import {
  buildOnBoard,
  deployOnBoard,
  prepareBoard,
  type BoardPushContext,
  type Deployed,
  type PreparedBoard,
  type PushRequest,
} from './board-steps.js';
import { describe, type BoardOutcome } from './push-board.js';
import type { PushJobDeps } from './push-job.js';
import type { ReachedBoard } from './reach-board.js';

export async function pushFleet(
  deps: PushJobDeps,
  ctx: JobContext,
  boards: readonly string[],
  request: PushRequest,
): Promise<BoardOutcome[]> {
  const tasks = new Map<string, TaskHandle>(boards.map((board) => [board, ctx.task(board, board)]));
  const contextOf = (board: string): BoardPushContext => ({
    ...deps,
    task: tasks.get(board) ?? ctx.task(board, board),
    signal: ctx.signal,
    output: (line) => deps.bus.emit('push.output', { jobId: ctx.jobId, ...line }),
  });
  const reached = new Map<string, ReachedBoard>();
  const prepared = new Map<string, PreparedBoard>();
  const outcomes = new Map<string, BoardOutcome>();
  const failed = (board: string, error: unknown): void => {
    tasks.get(board)?.fail(error);
    outcomes.set(board, {
      ...describe(board, reached.get(board), prepared.get(board)),
      state: 'failed',
      services: [],
      error: toErrorInfo(error),
    });
  };
  await Promise.all(
    boards.map(async (board) => {
      try {
        const ready = await prepareBoard(contextOf(board), board, request, (found) =>
          reached.set(board, found),
        );
        prepared.set(board, ready);
      } catch (error) {
        failed(board, error);
      }
    }),
  );
  try {
    const readyOf = (board: FleetBoard): PreparedBoard => prepared.get(board.name) as PreparedBoard;
    const fleet: FleetBoard[] = [...prepared.values()].map(({ reached: board }) => ({
      name: board.name,
      address: board.address,
    }));
    const deployed = new Map<string, Deployed>();
    const results = await pushToFleet({
      boards: fleet,
      // Already reached while preparing: no second round of probes.
      findTargets: async (list) =>
        list.map((board) => ({
          board,
          ok: true as const,
          target: readyOf(board).reached.target,
          source: readyOf(board).reached.runPath,
        })),
      build: async (board) => {
        const images = await buildOnBoard(contextOf(board.name), readyOf(board), request);
        return [...images.values()].map(({ tag, imageId }) => ({ tag, imageId }));
      },
      deploy: async (board, images) => {
        const ready = readyOf(board);
        const byService = new Map(
          ready.composition.services.flatMap((service) => {
            const image = images.find((candidate) => candidate.tag === service.image);
            return image === undefined ? [] : [[service.name, image] as const];
          }),
        );
        deployed.set(board.name, await deployOnBoard(contextOf(board.name), ready, byService));
      },
      onProgress: (event) => {
        if (event.step === 'transfer') tasks.get(event.board.name)?.phase('receiving images');
      },
    });
    for (const result of results) {
      const board = result.board.name;
      if (result.status === 'failed') {
        failed(board, result.error);
        continue;
      }
      tasks.get(board)?.succeed();
      const done = deployed.get(board);
      outcomes.set(board, {
        ...describe(board, reached.get(board), prepared.get(board)),
        state: 'succeeded',
        services: done?.services ?? [],
        ...(done === undefined ? {} : { release: done.release }),
        ...(result.builtOn === undefined || result.builtOn.name === board
          ? {}
          : { builtOn: result.builtOn.name }),
      });
    }
  } finally {
    await Promise.allSettled([...prepared.values()].map((ready) => ready.release()));
  }
  return boards.map((board) => outcomes.get(board) ?? { board, state: 'failed', services: [] });
}
