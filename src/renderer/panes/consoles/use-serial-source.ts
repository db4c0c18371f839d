// SPDX-License-Identifier: Apache-2.0
// A serial session as a terminal's source: its history first, then live chunks, gaps said where
// they happened, typing sent to the board, and tio's clock stamps when asked.
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { describeError } from '../../../shared/errors.js';
import { followConsole } from '../../../shared/follow-console.js';
import { clockStamp, LineStamper } from '../../../shared/line-stamper.js';
import { useMissingRole } from '../../client/caller-context.js';
import { useClient } from '../../client/client-context.js';
import { bytesToBase64, fromBase64 } from '../../components/terminal/base64.js';
import type { TerminalSource } from '../../components/terminal/use-xterm.js';
import type { FanOut } from './use-broadcast.js';

/** tio's clock stamp, dimmed so the board's own text stands out. */
const dimClock = (now: Date): string => `\x1b[2m${clockStamp(now).trimEnd()}\x1b[22m `;

export function useSerialSource(
  sessionId: string,
  timestamps: boolean,
  onError: (text: string) => void,
  /** Broadcast: typing here goes to every session it names (read at each key). */
  fanOut?: RefObject<FanOut>,
): TerminalSource {
  const client = useClient();
  const stamper = useRef<LineStamper | null>(null);
  const reportError = useRef(onError);
  // A viewer watches: what they type is not sent; the view says why instead of the engine
  // refusing each key.
  const readOnly = useMissingRole('console.write');
  const missing = useRef<string | undefined>(undefined);
  useEffect(() => {
    missing.current = readOnly;
    reportError.current = onError;
    stamper.current = timestamps ? (stamper.current ?? new LineStamper(dimClock)) : null;
  });
  return useMemo<TerminalSource>(
    () => ({
      attach(sink) {
        const show = (base64: string): void => {
          const bytes = fromBase64(base64);
          sink.write(stamper.current ? stamper.current.stamp(bytes) : bytes);
        };
        const follow = followConsole(client, sessionId, {
          history: show,
          data: show,
          gap: (missing) => sink.notice(`${missing} chunk(s) of output did not reach this view`),
        });
        follow.ready.catch((e: unknown) => reportError.current(describeError(e)));
        return () => follow.stop();
      },
      send(bytes) {
        if (missing.current !== undefined) {
          reportError.current(
            `This console is read-only for you: typing needs ${missing.current}.`,
          );
          return;
        }
        const data = bytesToBase64(bytes);
        for (const target of fanOut?.current(sessionId) ?? [sessionId]) {
          client
            .call('console.write', { sessionId: target, data, encoding: 'base64' })
            .catch((e: unknown) => reportError.current(describeError(e)));
        }
      },
    }),
    [client, sessionId, fanOut],
  );
}
