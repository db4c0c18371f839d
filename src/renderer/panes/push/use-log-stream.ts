// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { LogLine } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient, useKeyedEvent } from '../../client/client-context.js';

/** Lines kept on screen per board; older ones scroll away for good. */
export const MAX_LOG_LINES = 5000;
/** Lines of history per service shown before following. */
const HISTORY = 100;

export interface LogStream {
  lines: LogLine[];
  state: 'starting' | 'following' | 'failed';
  error: string | undefined;
}

const keepLast = (lines: LogLine[]): LogLine[] =>
  lines.length > MAX_LOG_LINES ? lines.slice(lines.length - MAX_LOG_LINES) : lines;

/**
 * A board's logs: the history first (logs.read), then logs.follow with no history of its own.
 * A stream's lines are keyed by its id, known only once logs.follow answers: lines sent before
 * the subscription reaches the engine would be lost, so the history does not come through it.
 * The stream is stopped when the view goes.
 */
export function useLogStream(board: string, project: string | undefined, services: string[]) {
  const client = useClient();
  const [streamId, setStreamId] = useState<string>();
  const [stream, setStream] = useState<LogStream>({
    lines: [],
    state: 'starting',
    error: undefined,
  });
  const servicesKey = services.join('\u0000');

  useEffect(() => {
    let alive = true;
    let started: string | undefined;
    const selection = {
      board,
      ...(project ? { project } : {}),
      services: servicesKey ? servicesKey.split('\u0000') : [],
    };
    const fail = (error: unknown) =>
      alive && setStream((s) => ({ ...s, state: 'failed', error: describeError(error) }));
    client
      .call('logs.read', { ...selection, tail: HISTORY })
      .then(async ({ lines }) => {
        if (!alive) return;
        setStream((s) => ({ ...s, lines: keepLast([...lines, ...s.lines]) }));
        const { streamId: id } = await client.call('logs.follow', { ...selection, tail: 0 });
        started = id;
        if (!alive) {
          void client.call('logs.stop', { streamId: id }).catch(() => undefined);
          return;
        }
        setStreamId(id);
        setStream((s) => ({ ...s, state: 'following' }));
      })
      .catch(fail);
    return () => {
      alive = false;
      if (started) void client.call('logs.stop', { streamId: started }).catch(() => undefined);
    };
  }, [client, board, project, servicesKey]);

  useKeyedEvent('logs.line', streamId, (line) =>
    setStream((s) => ({ ...s, lines: keepLast([...s.lines, line]) })),
  );
  return stream;
}
