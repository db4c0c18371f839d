// SPDX-License-Identifier: Apache-2.0
// Following one shell's output and its end, for every face (see follow-chunks.ts). A shell
// that ended before following began is reported from its history, so its end is never missed.
import type { ContractClient } from './client.js';
import type { EventPayload, ShellExit, ShellSession } from './contract/index.js';
import { followChunks, type ChunkFollow } from './follow-chunks.js';

export interface ShellFeed {
  /** The shell's recent output (base64) at the moment following began. */
  history(data: string, session: ShellSession): void;
  data(chunk: EventPayload<'shell.data'>): void;
  gap(missing: number): void;
  /** Once, when the shell's program ends (or had ended already). */
  exit(exit: ShellExit): void;
}

export function followShell(
  client: ContractClient,
  sessionId: string,
  feed: ShellFeed,
): ChunkFollow {
  let ended = false;
  let shown = false;
  let held: ShellExit | undefined;
  const end = (exit: ShellExit): void => {
    if (ended) return;
    ended = true;
    feed.exit(exit);
  };
  // On the wire before the history is asked for: an end between the two is not lost, and is
  // told after the history, where it belongs.
  const stopExit = client.on(
    'shell.exit',
    (event) => {
      if (shown) end(event.exit);
      else held = event.exit;
    },
    { key: sessionId },
  );
  let session: ShellSession | undefined;
  const chunks = followChunks<EventPayload<'shell.data'>>(
    {
      subscribe: (listener) => client.on('shell.data', listener, { key: sessionId }),
      history: async () => {
        const history = await client.call('shell.history', { sessionId });
        session = history.session;
        return history;
      },
    },
    {
      history: (data) => {
        if (session) feed.history(data, session);
      },
      data: (chunk) => feed.data(chunk),
      gap: (missing) => feed.gap(missing),
    },
  );
  const ready = chunks.ready.then(() => {
    shown = true;
    const exit = session?.exit ?? held;
    if (exit) end(exit);
  });
  return {
    ready,
    stop() {
      chunks.stop();
      stopExit();
    },
  };
}
