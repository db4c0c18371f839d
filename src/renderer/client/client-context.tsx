// SPDX-License-Identifier: Apache-2.0
import { createContext, useContext, useEffect, useRef } from 'react';
import type { ContractClient } from '../../shared/client.js';
import type { EventName, EventPayload } from '../../shared/contract/index.js';

export const ClientContext = createContext<ContractClient | null>(null);

export function useClient(): ContractClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientContext');
  return client;
}

/** Subscribes a component to one event of the contract for as long as it is mounted. */
export function useEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const client = useClient();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => client.on(event, (payload) => latest.current(payload)), [client, event]);
}

/**
 * Subscribes to the events about one thing (a job, a log stream), by the key the contract names
 * for the event; nothing while the key is not known yet.
 */
export function useKeyedEvent<E extends EventName>(
  event: E,
  key: string | undefined,
  listener: (payload: EventPayload<E>) => void,
): void {
  const client = useClient();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    if (key === undefined) return undefined;
    return client.on(event, (payload) => latest.current(payload), { key });
  }, [client, event, key]);
}
