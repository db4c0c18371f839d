// SPDX-License-Identifier: Apache-2.0
// Starts what a shell runs on a board, wherever it runs: the host OS over ssh, or a service's
// container through the board's engine. Interactive shells and one-shot commands both start here.
import type { ShellTarget } from '../../shared/contract/index.js';
import type { ShellDeps } from './index.js';
import { findContainer } from './board-containers.js';
import { openContainerShell } from './container-shell.js';
import { openHostShell } from './host-shell.js';
import type { ShellOutput, ShellProcess, ShellRequest } from './shell-process.js';

export interface ProgramPlace {
  /** The board as the caller named it. */
  readonly board: string;
  readonly address: string;
  readonly target: ShellTarget;
}

export async function startProgram(
  deps: ShellDeps,
  place: ProgramPlace,
  request: ShellRequest,
  output: ShellOutput,
): Promise<ShellProcess> {
  const { board, address, target } = place;
  if (target.kind === 'host') return openHostShell({ board, address }, request, output);
  const found = await findContainer(deps, board, address, target);
  return openContainerShell(found.docker, found.container.id, request, output, found.target);
}
