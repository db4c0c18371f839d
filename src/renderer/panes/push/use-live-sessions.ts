// SPDX-License-Identifier: Apache-2.0
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandInput, LiveSession } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';

/** A board's live session as the pane knows it: starting, started, or refused. */
export interface LiveBoard {
  board: string;
  session: LiveSession | undefined;
  /** live.start refused (the board left, the project is live elsewhere...). */
  error: string | undefined;
}

export interface LiveSessions {
  boards: LiveBoard[];
  /** Starts a session per board, replacing whatever this pane had running. */
  start: (inputs: CommandInput<'live.start'>[]) => void;
  /** Stops every session of this pane (a new push is on its way). */
  stopAll: () => void;
  /** Stops one session; the containers keep running. */
  stop: (sessionId: string) => Promise<void>;
}

/**
 * The live sessions the pane started after its last push. Started from the push's end, not
 * from an effect (React's strict mode runs effects twice, and a project is live once per
 * board); the engine ends them when the window goes, and the pane when it unmounts.
 */
export function useLiveSessions(): LiveSessions {
  const client = useClient();
  const [boards, setBoards] = useState<LiveBoard[]>([]);
  const running = useRef(new Set<string>());
  /** Bumped by each start and stopAll: an answer for an older round is stopped at once. */
  const round = useRef(0);

  const stop = useCallback(
    async (sessionId: string) => {
      running.current.delete(sessionId);
      await client.call('live.stop', { sessionId }).catch(() => undefined);
    },
    [client],
  );

  const stopAll = useCallback(() => {
    round.current += 1;
    for (const sessionId of running.current) void stop(sessionId);
    setBoards([]);
  }, [stop]);

  const start = useCallback(
    (inputs: CommandInput<'live.start'>[]) => {
      stopAll();
      const mine = round.current;
      setBoards(inputs.map(({ board }) => ({ board, session: undefined, error: undefined })));
      const update = (board: string, patch: Partial<LiveBoard>) =>
        setBoards((all) => all.map((b) => (b.board === board ? { ...b, ...patch } : b)));
      for (const input of inputs) {
        client.call('live.start', input).then(
          (session) => {
            if (round.current !== mine) return void stop(session.sessionId);
            running.current.add(session.sessionId);
            update(input.board, { session });
          },
          (error: unknown) => {
            if (round.current === mine) update(input.board, { error: describeError(error) });
          },
        );
      }
    },
    [client, stop, stopAll],
  );

  useEffect(() => {
    const sessions = running.current;
    return () => {
      for (const sessionId of sessions)
        void client.call('live.stop', { sessionId }).catch(() => undefined);
      sessions.clear();
    };
  }, [client]);

  return { boards, start, stopAll, stop };
}
