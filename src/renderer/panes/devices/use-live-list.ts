// SPDX-License-Identifier: Apache-2.0
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContractClient } from '../../../shared/client.js';
import type { EventName, EventPayload } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient, useEvent } from '../../client/client-context.js';

export interface LiveList<V> {
  /** The same array until an item changes: sorting and filtering key on it. */
  items: V[];
  loaded: boolean;
  /** Loaded, and no change has arrived that the list does not show yet. */
  settled: boolean;
  error: string | undefined;
}

/** How one list is kept: its first load, and how an event changes it. Module constants. */
export interface LiveSource<K, V, E extends EventName> {
  load: (client: ContractClient) => Promise<readonly V[]>;
  keyOf: (item: V) => K;
  event: E;
  apply: (items: Map<K, V>, change: EventPayload<E>) => void;
}

/**
 * A list loaded once and then kept by the engine's change events. Changes can come by the
 * hundred in a second on a test stand: they are gathered and applied once per animation frame.
 */
export function useLiveList<K, V, E extends EventName>(source: LiveSource<K, V, E>): LiveList<V> {
  const client = useClient();
  const [items, setItems] = useState<Map<K, V>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string>();
  const pending = useRef<EventPayload<E>[]>([]);
  /** Changes heard before the list came: newer than it, so applied on top of it. */
  const early = useRef<EventPayload<E>[] | undefined>([]);
  const frame = useRef<number | undefined>(undefined);

  useEffect(() => {
    source.load(client).then(
      (list) => {
        const before = early.current ?? [];
        early.current = undefined;
        const next = new Map(list.map((item) => [source.keyOf(item), item] as const));
        for (const change of before) source.apply(next, change);
        setItems(next);
        setLoaded(true);
      },
      (e: unknown) => setError(describeError(e)),
    );
  }, [client, source]);

  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );

  useEvent(source.event, (change) => {
    early.current?.push(change);
    pending.current.push(change);
    if (frame.current !== undefined) return;
    setWaiting(true);
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      setWaiting(false);
      const batch = pending.current;
      pending.current = [];
      setItems((current) => {
        const next = new Map(current);
        for (const c of batch) source.apply(next, c);
        return next;
      });
    });
  });

  const list = useMemo(() => [...items.values()], [items]);
  return { items: list, loaded, settled: loaded && !waiting, error };
}
