// SPDX-License-Identifier: Apache-2.0
// `benchtop push` after the push: a live session per board, each sync a line (JSON with
// --json), until the caller stops it (Ctrl-C or SIGTERM; never stdin's end).
import type { ContractClient } from '../../../shared/client.js';
import type { LiveState } from '../../../shared/contract/live.js';
import { describeSync, failedOutput } from '../../../shared/live-text.js';
import { printJson } from '../output.js';
import { keyedFeed, type KeyedFeed } from '../keyed-feed.js';
import { PrefixPrinter } from './log-printer.js';

export interface LiveRequest {
  readonly boards: readonly string[];
  readonly source: string;
  readonly env: readonly string[];
  readonly buildArgs: readonly string[];
  readonly multiDockerignore: boolean;
  readonly deviceType?: string;
  readonly json: boolean;
}

export interface LiveSync {
  stop(): Promise<void>;
}

export async function startLiveSync(
  client: ContractClient,
  request: LiveRequest,
): Promise<LiveSync> {
  const printer = new PrefixPrinter();
  const several = request.boards.length > 1;
  const label = (board: string, what = 'live'): string => (several ? `${board} ${what}` : what);
  const sessions: string[] = [];
  const feeds: KeyedFeed[] = [];
  for (const board of request.boards) {
    let last: LiveState | undefined;
    let told = false;
    const boardFeeds = [
      keyedFeed(
        client,
        'live.sync',
        (e) => e.sessionId,
        (event) => {
          if (request.json) return printJson({ event: 'live.sync', ...event });
          printer.line(label(board), describeSync(event), { system: event.error !== undefined });
          for (const output of failedOutput(event))
            for (const line of output.split('\n')) printer.line(label(board), `  ${line}`);
        },
      ),
      keyedFeed(
        client,
        'live.state',
        (e) => e.sessionId,
        (event) => {
          if (request.json) return printJson({ event: 'live.state', ...event });
          // Each sync's line says enough: only the first watching and real changes are told.
          const quiet =
            event.state === 'syncing' ||
            (event.state === 'watching' && told && (last === 'syncing' || last === 'watching'));
          last = event.state;
          told ||= event.state === 'watching';
          if (quiet) return;
          process.stderr.write(`${several ? `${board}: ` : ''}live: ${event.message}\n`);
        },
      ),
      keyedFeed(
        client,
        'live.output',
        (e) => e.sessionId,
        (event) => {
          if (request.json) return printJson({ event: 'live.output', ...event });
          printer.line(label(board, event.service), event.line);
        },
      ),
    ];
    feeds.push(...boardFeeds);
    try {
      const session = await client.call('live.start', {
        board,
        source: request.source,
        env: [...request.env],
        buildArgs: [...request.buildArgs],
        multiDockerignore: request.multiDockerignore,
        ...(request.deviceType === undefined ? {} : { deviceType: request.deviceType }),
      });
      sessions.push(session.sessionId);
      boardFeeds.forEach((feed) => feed.known(session.sessionId));
    } catch (error) {
      boardFeeds.forEach((feed) => feed.stop());
      await Promise.allSettled(
        sessions.map((sessionId) => client.call('live.stop', { sessionId })),
      );
      throw error;
    }
  }
  return {
    async stop() {
      await Promise.allSettled(
        sessions.map((sessionId) => client.call('live.stop', { sessionId })),
      );
      feeds.forEach((feed) => feed.stop());
    },
  };
}
