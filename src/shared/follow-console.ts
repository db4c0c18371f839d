// SPDX-License-Identifier: Apache-2.0
// Following one console session's output, for every face (see follow-chunks.ts).
import type { ContractClient } from './client.js';
import { followChunks, type ChunkFollow } from './follow-chunks.js';

export interface ConsoleFeed {
  /** The session's recent output (base64) at the moment following began. */
  history(data: string): void;
  /** New output (base64), in order. */
  data(data: string, seq: number): void;
  /** `missing` chunks between the last one shown and this one never arrived. */
  gap(missing: number): void;
}

export type ConsoleFollow = ChunkFollow;

export function followConsole(
  client: ContractClient,
  sessionId: string,
  feed: ConsoleFeed,
): ConsoleFollow {
  return followChunks(
    {
      subscribe: (listener) => client.on('console.data', listener, { key: sessionId }),
      history: () => client.call('console.history', { sessionId }),
    },
    {
      history: (data) => feed.history(data),
      data: (chunk) => feed.data(chunk.data, chunk.seq),
      gap: (missing) => feed.gap(missing),
    },
  );
}
