// SPDX-License-Identifier: Apache-2.0
import { useCallback, useEffect, useState } from 'react';
import type { BoardService } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';

const REFRESH_MS = 3000;

export type ServiceAction = 'restart' | 'stop' | 'start';

export interface BoardServices {
  services: BoardService[] | undefined;
  error: string | undefined;
  /** `${project}/${service}` of the services with an action under way. */
  busy: ReadonlySet<string>;
  act: (service: BoardService, action: ServiceAction) => void;
}

export const serviceKey = (s: Pick<BoardService, 'project' | 'name'>): string =>
  `${s.project}/${s.name}`;

/** The services pushed to a board, refreshed while shown, with restart/stop/start. */
export function useBoardServices(board: string): BoardServices {
  const client = useClient();
  const [services, setServices] = useState<BoardService[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let alive = true;
    const load = () =>
      client.call('board.services', { board }).then(
        (list) => {
          if (!alive) return;
          setServices(list);
          setError(undefined);
        },
        (e: unknown) => alive && setError(describeError(e)),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [client, board, refresh]);

  const act = useCallback(
    (service: BoardService, action: ServiceAction) => {
      const key = serviceKey(service);
      setBusy((current) => new Set(current).add(key));
      setError(undefined);
      void client
        .call('board.service', { board, project: service.project, service: service.name, action })
        .then(
          (updated) =>
            setServices((list) =>
              list?.map((s) => (serviceKey(s) === serviceKey(updated) ? updated : s)),
            ),
          (e: unknown) => setError(describeError(e)),
        )
        .finally(() => {
          setBusy((current) => {
            const next = new Set(current);
            next.delete(key);
            return next;
          });
          setRefresh((n) => n + 1);
        });
    },
    [client, board],
  );

  return { services, error, busy, act };
}
