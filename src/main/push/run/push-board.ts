// SPDX-License-Identifier: Apache-2.0
// One board's push on its own: prepare, build on its engine, run the release; whatever fails
// becomes this board's result, never the others'.
import type { PushBoardResult } from '../../../shared/contract/push.js';
import { toErrorInfo } from '../../../shared/errors.js';
import {
  buildOnBoard,
  deployOnBoard,
  prepareBoard,
  type BoardPushContext,
  type PreparedBoard,
  type PushRequest,
} from './board-steps.js';
import type { ReachedBoard } from './reach-board.js';

/** A board's result, with the project as loaded for it (undefined when loading failed). */
export type BoardOutcome = PushBoardResult & {
  readonly project?: { readonly name: string; readonly root: string };
};

export async function pushBoard(
  context: BoardPushContext,
  board: string,
  request: PushRequest,
): Promise<BoardOutcome> {
  let reached: ReachedBoard | undefined;
  let prepared: PreparedBoard | undefined;
  try {
    prepared = await prepareBoard(context, board, request, (found) => (reached = found));
    const images = await buildOnBoard(context, prepared, request);
    const { services, release } = await deployOnBoard(context, prepared, images);
    context.task.succeed();
    return { ...describe(board, reached, prepared), state: 'succeeded', services, release };
  } catch (error) {
    context.task.fail(error);
    return {
      ...describe(board, reached, prepared),
      state: 'failed',
      services: [],
      error: toErrorInfo(error),
    };
  } finally {
    await prepared?.release().catch((error: unknown) =>
      context.output({
        board,
        kind: 'system',
        line: `${board}: the push lock could not be removed (${toErrorInfo(error).message}).`,
      }),
    );
  }
}

/** What is known of a board however far its push went. */
export function describe(
  board: string,
  reached: ReachedBoard | undefined,
  prepared: PreparedBoard | undefined,
) {
  return {
    board,
    ...(reached === undefined
      ? {}
      : { address: reached.address, runPath: reached.runPath, target: reached.target }),
    ...(prepared === undefined
      ? {}
      : { project: { name: prepared.composition.name, root: prepared.composition.root } }),
  };
}
