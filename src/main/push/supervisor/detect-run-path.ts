// SPDX-License-Identifier: Apache-2.0
// Which way a push runs a release on a board: through its supervisor when one answers (a
// balenaOS image), else by Benchtop on the plain engine. A board whose engine runs a
// supervisor container that does not answer is refused: containers started beside a
// supervisor fight it (it removes what it did not start), and it is usually a board in trouble.
import { BenchtopError } from '../../../shared/errors.js';
import { SupervisorClient } from './supervisor-client.js';

export type RunPath = 'supervisor' | 'engine';

/** Container names as balenaEngine gives them: the supervisor's, then its old name. */
export const supervisorContainerNames: readonly string[] = [
  'balena_supervisor',
  'resin_supervisor',
];

export interface DetectRunPathOptions {
  /** Names of the containers on the board's engine (all, running or not); a leading "/" is allowed. */
  readonly listContainerNames: () => Promise<readonly string[]>;
  readonly timeoutMs?: number;
}

/**
 * 'supervisor' when the supervisor answers /ping (whether it then takes a local release is for
 * the deploy to tell: 401 and 400 there name the reason); 'engine' when it does not and no
 * supervisor container exists; otherwise refused with UNREACHABLE.
 */
export async function detectRunPath(
  address: string,
  options: DetectRunPathOptions,
): Promise<RunPath> {
  const client = new SupervisorClient(
    address,
    options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
  );
  const answered = await client.ping().then(
    () => true,
    () => false,
  );
  if (answered) return 'supervisor';
  const names = (await options.listContainerNames()).map((name) => name.replace(/^\//, ''));
  refuseSilentSupervisor(client.where, names);
  return 'engine';
}

/** Throws when a supervisor container is among `names` (its API having not answered). */
export function refuseSilentSupervisor(where: string, names: readonly string[]): void {
  const supervisor = names.find((name) => supervisorContainerNames.includes(name));
  if (supervisor === undefined) return;
  throw new BenchtopError(
    'UNREACHABLE',
    `The board's engine runs a balena supervisor (container ${supervisor}), but its API on ${where} ` +
      'does not answer. Benchtop will not start containers beside it: wait for the supervisor to ' +
      'come up (or restart it), or put the board in local mode, then push again.',
  );
}
