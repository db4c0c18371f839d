// SPDX-License-Identifier: Apache-2.0
// Following one console session's output, for every face: subscribe to the session's chunks,
// fetch the recent history, drop the chunks the history already covers, and say where chunks
// went missing (the engine drops events for a client that cannot keep up, rather than grow).
import type { ContractClient } from './client.js';

export interface ConsoleFeed {
  /** The session's recent output (base64) at the moment following began. */
  history(data: string): void;
  /** New output (base64), in order. */
  data(data: string, seq: number): void;
  /** `missing` chunks between the last one shown and this one never arrived. */
  gap(missing: number): void;
}

export interface ConsoleFollow {
  /** Settles once the history is shown; rejects when it could not be fetched. */
  readonly ready: Promise<void>;
  stop(): void;
}

export function followConsole(
  client: ContractClient,
  sessionId: string,
  feed: ConsoleFeed,
): ConsoleFollow {
  let stopped = false;
  // Chunks that come before the history are held, then the ones it already covers dropped.
  let historySeq: number | undefined;
  const early: { seq: number; data: string }[] = [];
  let lastSeq = 0;
  const show = (event: { seq: number; data: string }): void => {
    if (lastSeq > 0 && event.seq > lastSeq + 1) feed.gap(event.seq - lastSeq - 1);
    lastSeq = event.seq;
    feed.data(event.data, event.seq);
  };
  // The subscription is on the wire before the history call, so nothing falls between them.
  const stopData = client.on(
    'console.data',
    (event) => {
      if (historySeq === undefined) early.push(event);
      else if (event.seq > historySeq) show(event);
    },
    { key: sessionId },
  );
  const ready = client.call('console.history', { sessionId }).then((history) => {
    if (stopped) return;
    historySeq = history.seq;
    lastSeq = history.seq;
    feed.history(history.data);
    for (const event of early.splice(0)) if (event.seq > history.seq) show(event);
  });
  return {
    ready,
    stop() {
      stopped = true;
      stopData();
    },
  };
}
