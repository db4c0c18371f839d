// SPDX-License-Identifier: Apache-2.0
// board.reboot: a board reboots through its balena supervisor, the one part of balenaOS that may
// restart the host from outside. A board without one (a plain engine, a rig container) cannot be
// rebooted from here, and says so rather than failing somewhere deep.
import { BenchtopError } from '../../shared/errors.js';
import type { ReachDeps } from './run/reach-board.js';
import { SUPERVISOR_PORT, SupervisorClient } from './supervisor/index.js';

export async function rebootBoard(
  deps: Pick<ReachDeps, 'boards'>,
  board: string,
  force: boolean,
): Promise<{ board: string; rebooting: true }> {
  const { address } = await deps.boards.resolve(board);
  const supervisor = new SupervisorClient(address);
  // /ping needs no key: it tells "no supervisor" apart from "a supervisor that refuses".
  const answers = await supervisor.ping().then(
    () => true,
    () => false,
  );
  if (!answers) {
    throw new BenchtopError(
      'UNSUPPORTED',
      `Reboot is not available on ${board}: no supervisor answers on ${SUPERVISOR_PORT}. Reboot it by hand (power, or \`reboot\` over its console).`,
    );
  }
  // In local mode the supervisor takes /v1 calls without a key; a cloud-managed board answers
  // 401, which httpError turns into words.
  await supervisor.reboot(force);
  return { board, rebooting: true };
}
