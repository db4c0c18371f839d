// SPDX-License-Identifier: Apache-2.0
import type { EventName, EventPayload } from '../../shared/contract/index.js';

type AnyListener = (event: EventName, payload: unknown) => void;

/** Main's one event stream; every transport forwards what its clients subscribed to. */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.onAny((name, payload) => {
      if (name === event) listener(payload as EventPayload<E>);
    });
  }
}
