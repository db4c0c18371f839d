// SPDX-License-Identifier: Apache-2.0
// One push at a time per board: two deploys interleaving their stops and starts on one engine
// would each roll back the other's work. The second is refused at once rather than queued, so
// the person sees that someone else is pushing.
import { BenchtopError } from '../../../shared/errors.js';

const held = new Set<string>();

/** Runs `work` holding the board's lock; `board` is its engine address (host:port). */
export async function withBoardLock<T>(board: string, work: () => Promise<T>): Promise<T> {
  if (held.has(board)) {
    throw new BenchtopError(
      'BUSY',
      `Another push to ${board} is still running; wait for it to finish, then push again.`,
    );
  }
  held.add(board);
  try {
    return await work();
  } finally {
    held.delete(board);
  }
}
