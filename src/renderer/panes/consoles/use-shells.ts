// SPDX-License-Identifier: Apache-2.0
import { useEffect, useRef, useState } from 'react';
import type { ShellSession } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { onShellRequest, type ShellRequest } from '../../stores/shell-request.js';

/** A shell this window opened, with what its tab is called. */
export interface OpenShell {
  readonly session: ShellSession;
  readonly title: string;
}

/**
 * The shells (host OS, containers) this window opened from a board's detail. They belong to
 * the window: the engine ends them when it goes.
 */
export function useShells(onOpened: (sessionId: string) => void): {
  shells: OpenShell[];
  error: string | undefined;
  close: (sessionId: string) => void;
  ended: (sessionId: string, session: ShellSession) => void;
} {
  const client = useClient();
  const [shells, setShells] = useState<OpenShell[]>([]);
  const [error, setError] = useState<string>();
  const opened = useRef(onOpened);
  useEffect(() => {
    opened.current = onOpened;
  });
  useEffect(
    () =>
      onShellRequest((request: ShellRequest) => {
        setError(undefined);
        client.call('shell.open', { board: request.board, target: request.target }).then(
          (session) => {
            const title = `${request.boardName} · ${request.label}`;
            setShells((current) => [...current, { session, title }]);
            opened.current(session.id);
          },
          (e: unknown) => setError(`${request.label} on ${request.boardName}: ${describeError(e)}`),
        );
      }),
    [client],
  );
  const close = (sessionId: string): void => {
    setShells((current) => current.filter((s) => s.session.id !== sessionId));
    client.call('shell.close', { sessionId }).catch(() => undefined);
  };
  const ended = (sessionId: string, session: ShellSession): void =>
    setShells((current) =>
      current.map((s) => (s.session.id === sessionId ? { ...s, session } : s)),
    );
  return { shells, error, close, ended };
}
