// SPDX-License-Identifier: Apache-2.0
// The push.start job: every board named, each as a task of the job, one board failing never
// stopping the others. One board is pushed on its own (push-board.ts); several share one
// build per kind of board through fleet/ (fleet-push.ts).
import path from 'node:path';
import type { PushResult } from '../../../shared/contract/push.js';
import { BenchtopError } from '../../../shared/errors.js';
import type { EventBus } from '../../contract/event-bus.js';
import type { JobContext } from '../../jobs/job-runner.js';
import type { LiveDeps, PushRequest } from './board-steps.js';
import { pushFleet } from './fleet-push.js';
import { pushBoard, type BoardOutcome } from './push-board.js';
import type { ReachDeps } from './reach-board.js';

export interface PushJobDeps extends ReachDeps, LiveDeps {
  readonly bus: EventBus;
}

export async function runPush(
  deps: PushJobDeps,
  ctx: JobContext,
  boards: readonly string[],
  request: PushRequest,
): Promise<PushResult> {
  const unique = [...new Set(boards)];
  const outcomes = await pushAll(deps, ctx, unique, request);
  ctx.throwIfCancelled();
  const loaded = outcomes.find((outcome) => outcome.project !== undefined)?.project;
  const results = outcomes.map(({ project: _project, ...result }) => result);
  const failed = results.filter((result) => result.state === 'failed');
  // When nothing went anywhere the job itself failed, with the (first) board's reason: a face
  // shows it as the job's error; per-board reasons stay on the job's tasks.
  const [first] = failed;
  if (first?.error !== undefined && failed.length === results.length) {
    throw BenchtopError.fromInfo(first.error);
  }
  return {
    project: loaded?.name ?? path.basename(path.resolve(request.source)),
    root: loaded?.root ?? path.resolve(request.source),
    boards: results,
  };
}

async function pushAll(
  deps: PushJobDeps,
  ctx: JobContext,
  boards: readonly string[],
  request: PushRequest,
): Promise<BoardOutcome[]> {
  if (boards.length > 1) {
    ctx.phase(`pushing to ${boards.length} boards`);
    return pushFleet(deps, ctx, boards, request);
  }
  ctx.phase('pushing');
  return Promise.all(
    boards.map((board) =>
      pushBoard(
        {
          ...deps,
          task: ctx.task(board, board),
          signal: ctx.signal,
          output: (line) => deps.bus.emit('push.output', { jobId: ctx.jobId, ...line }),
        },
        board,
        request,
      ),
    ),
  );
}
