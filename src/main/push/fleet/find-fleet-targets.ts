// SPDX-License-Identifier: Apache-2.0
// Every board's build target at once: each board answers (or fails) on its own, stamped with
// the board it came from, and a dead one never holds up the list.
import { BenchtopError, toErrorInfo } from '../../../shared/errors.js';
import type { FleetBoard, TargetSource } from './fleet-board.js';
import type { BuildTarget } from '../composition.js';
import { findBoardTarget, type FindTargetOptions } from './find-board-target.js';

export type BoardTargetResult =
  | {
      readonly board: FleetBoard;
      readonly ok: true;
      readonly target: BuildTarget;
      readonly source: TargetSource;
    }
  | { readonly board: FleetBoard; readonly ok: false; readonly error: BenchtopError };

/** One result per board, in the order given. */
export async function findFleetTargets(
  boards: readonly FleetBoard[],
  options: FindTargetOptions = {},
): Promise<BoardTargetResult[]> {
  const settled = await Promise.allSettled(boards.map((board) => findBoardTarget(board, options)));
  return settled.map((outcome, index): BoardTargetResult => {
    const board = boards[index] as FleetBoard;
    if (outcome.status === 'fulfilled') return { board, ok: true, ...outcome.value };
    return { board, ok: false, error: asBenchtopError(outcome.reason) };
  });
}

export function asBenchtopError(error: unknown): BenchtopError {
  if (error instanceof BenchtopError) return error;
  return BenchtopError.fromInfo(toErrorInfo(error));
}
