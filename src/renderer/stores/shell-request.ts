// SPDX-License-Identifier: Apache-2.0
// How a board's detail (Devices) asks the Consoles pane for a terminal into the board's host OS
// or one of its services: panes stay mounted while hidden, so the request is a small store.
import type { ShellTarget } from '../../shared/contract/index.js';

export interface ShellRequest {
  /** The board as the shell commands name it: an address, or a name discovery knows. */
  readonly board: string;
  /** The board as people call it, for the terminal's title. */
  readonly boardName: string;
  readonly target: ShellTarget;
  /** "Host OS", or the service's name. */
  readonly label: string;
}

const listeners = new Set<(request: ShellRequest) => void>();

export function requestShell(request: ShellRequest): void {
  for (const listener of listeners) listener(request);
}

/** The Consoles pane listens from the start (every pane is mounted while hidden). */
export function onShellRequest(listener: (request: ShellRequest) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
