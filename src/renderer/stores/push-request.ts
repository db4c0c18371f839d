// SPDX-License-Identifier: Apache-2.0
// How another pane hands a board to the Push pane ("Push a project", "Show logs" on a board):
// panes stay mounted while hidden, so the request is a small store the Push pane reads.

export interface PushRequest {
  /** Boards as the push commands name them: an address, or a name discovery knows. */
  readonly boards: readonly string[];
  /** Show the boards' logs at once, without pushing. */
  readonly logs: boolean;
  /** Grows with every request, so asking twice for the same board is seen twice. */
  readonly serial: number;
}

let serial = 0;
const listeners = new Set<(request: PushRequest) => void>();

export function requestPush(boards: readonly string[], logs: boolean): void {
  const request = { boards, logs, serial: ++serial };
  for (const listener of listeners) listener(request);
}

/** The Push pane listens from the start (every pane is mounted while hidden). */
export function onPushRequest(listener: (request: PushRequest) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
