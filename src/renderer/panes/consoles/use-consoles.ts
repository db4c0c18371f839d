// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { ConsoleSession, PortInfo, PortTie } from '../../../shared/contract/index.js';
import { useClient, useEvent } from '../../client/client-context.js';
import { describeError } from '../../../shared/errors.js';

/** Every console open in main (opened here, by the CLI or another window), kept current. */
export function useConsoles(): ConsoleSession[] {
  const client = useClient();
  const [sessions, setSessions] = useState<Map<string, ConsoleSession>>(new Map());
  useEffect(() => {
    client.call('console.list', {}).then(
      (list) => setSessions(new Map(list.map((session) => [session.id, session] as const))),
      () => undefined,
    );
  }, [client]);
  useEvent('console.state', (session) =>
    setSessions((current) => {
      const next = new Map(current);
      if (session.state === 'closed') next.delete(session.id);
      else next.set(session.id, session);
      return next;
    }),
  );
  return [...sessions.values()];
}

/** The ports main sees; main pushes a new list when one comes or goes. */
export function usePorts(): { ports: PortInfo[]; error: string | undefined } {
  const client = useClient();
  const [ports, setPorts] = useState<PortInfo[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    client.call('ports.list', {}).then(setPorts, (e: unknown) => setError(describeError(e)));
  }, [client]);
  useEvent('ports.changed', setPorts);
  return { ports, error };
}

/** Which port is tied to which board; reloaded when a console's tie changes. */
export function usePortTies(sessions: ConsoleSession[]): PortTie[] {
  const client = useClient();
  const [ties, setTies] = useState<PortTie[]>([]);
  const boards = sessions.map((s) => `${s.id}=${s.board ?? ''}`).join(',');
  useEffect(() => {
    client.call('ports.ties', {}).then(setTies, () => undefined);
  }, [client, boards]);
  return ties;
}
