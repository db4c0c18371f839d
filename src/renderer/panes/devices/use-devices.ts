// SPDX-License-Identifier: Apache-2.0
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Board, BrowseStatus, DeviceChange } from '../../../shared/contract/index.js';
import { useClient, useEvent } from '../../client/client-context.js';
import { describeError } from '../../../shared/errors.js';

export interface DevicesState {
  /** The same array until a board changes: sorting and filtering key on it. */
  boards: Board[];
  loaded: boolean;
  /** Loaded, and no change has arrived that the list does not show yet. */
  settled: boolean;
  error: string | undefined;
}

/**
 * The live list of boards. Changes arrive per board and can come by the hundred in a second
 * on a test stand: they are gathered and applied once per animation frame.
 */
export function useDevices(): DevicesState {
  const client = useClient();
  const [boards, setBoards] = useState<Map<string, Board>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string>();
  const pending = useRef<DeviceChange[]>([]);
  const frame = useRef<number | undefined>(undefined);

  useEffect(() => {
    client.call('devices.list', {}).then(
      (list) => {
        setBoards((current) => {
          const next = new Map(list.map((b) => [b.id, b] as const));
          // Events that came before the list are newer than it.
          for (const [id, board] of current) next.set(id, board);
          return next;
        });
        setLoaded(true);
      },
      (e: unknown) => setError(describeError(e)),
    );
  }, [client]);

  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );

  useEvent('devices.changed', (change) => {
    pending.current.push(change);
    if (frame.current !== undefined) return;
    setWaiting(true);
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      setWaiting(false);
      const batch = pending.current;
      pending.current = [];
      setBoards((current) => {
        const next = new Map(current);
        for (const c of batch) {
          if (c.kind === 'disappeared') next.delete(c.board.id);
          else next.set(c.board.id, c.board);
        }
        return next;
      });
    });
  });

  const list = useMemo(() => [...boards.values()], [boards]);
  return { boards: list, loaded, settled: loaded && !waiting, error };
}

export function useBrowseStatus(): BrowseStatus | undefined {
  const client = useClient();
  const [status, setStatus] = useState<BrowseStatus>();
  useEffect(() => {
    client.call('devices.browseStatus', {}).then(setStatus, () => undefined);
  }, [client]);
  useEvent('devices.browsing', setStatus);
  return status;
}
