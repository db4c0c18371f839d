// SPDX-License-Identifier: Apache-2.0
// A shell (host OS or container) as a terminal's source: history, then live output, its end
// said in the output; typing and the terminal's size go to the shell.
import { useEffect, useMemo, useRef } from 'react';
import type { ShellExit } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { followShell } from '../../../shared/follow-shell.js';
import { useClient } from '../../client/client-context.js';
import { bytesToBase64, fromBase64 } from '../../components/terminal/base64.js';
import type { TerminalSource } from '../../components/terminal/use-xterm.js';

const describeExit = (exit: ShellExit): string =>
  exit.error
    ? `the shell ended: ${exit.error.message}`
    : exit.signal
      ? `the shell ended by signal ${exit.signal}`
      : `the shell ended with status ${exit.status ?? '?'}`;

export function useShellSource(
  sessionId: string,
  onExit: (exit: ShellExit) => void,
  onError: (text: string) => void,
): TerminalSource {
  const client = useClient();
  const handlers = useRef({ onExit, onError });
  useEffect(() => {
    handlers.current = { onExit, onError };
  });
  return useMemo<TerminalSource>(
    () => ({
      attach(sink) {
        const follow = followShell(client, sessionId, {
          history: (data) => sink.write(fromBase64(data)),
          data: (chunk) => sink.write(fromBase64(chunk.data)),
          gap: (missing) => sink.notice(`${missing} chunk(s) of output did not reach this view`),
          exit: (exit) => {
            sink.notice(describeExit(exit));
            handlers.current.onExit(exit);
          },
        });
        follow.ready.catch((e: unknown) => handlers.current.onError(describeError(e)));
        return () => follow.stop();
      },
      send(data) {
        client
          .call('shell.write', { sessionId, data: bytesToBase64(data), encoding: 'base64' })
          .catch((e: unknown) => handlers.current.onError(describeError(e)));
      },
      resize(size) {
        client.call('shell.resize', { sessionId, ...size }).catch(() => undefined);
      },
    }),
    [client, sessionId],
  );
}
