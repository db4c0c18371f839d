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
