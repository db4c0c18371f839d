// SPDX-License-Identifier: Apache-2.0
// Events keyed by an id the engine gives only in its answer (a job's, a log stream's): a
// keyed subscription made after the answer could miss the first events, so listen to the
// event's every key from before the call, hold what comes until the id is known, then keep
// that id's events only.
import type { ContractClient } from '../../shared/client.js';
import type { EventName, EventPayload } from '../../shared/contract/index.js';

export interface KeyedFeed {
  /** The id is known: show what was held for it, then pass its events straight on. */
  known(id: string): void;
  stop(): void;
}

export function keyedFeed<E extends EventName>(
  client: ContractClient,
  event: E,
  keyOf: (payload: EventPayload<E>) => string,
  onEvent: (payload: EventPayload<E>) => void,
): KeyedFeed {
  let id: string | undefined;
  let held: EventPayload<E>[] = [];
  const stop = client.on(event, (payload) => {
    if (id === undefined) held.push(payload);
    else if (keyOf(payload) === id) onEvent(payload);
  });
  return {
    known(known) {
      id = known;
      for (const payload of held) if (keyOf(payload) === known) onEvent(payload);
      held = [];
    },
    stop,
  };
}
