// SPDX-License-Identifier: Apache-2.0
// A board's logs on the terminal (or as JSON lines), read once or followed until Ctrl-C or
// SIGTERM. Reading stdin is never involved: a push in the foreground does not end at its EOF.
import type { ContractClient } from '../../../shared/client.js';
import type { LogLine } from '../../../shared/contract/push.js';
import { printJson } from '../output.js';
import { keyedFeed } from '../keyed-feed.js';
import { PrefixPrinter } from './log-printer.js';

export interface LogsRequest {
  readonly board: string;
  readonly project?: string;
  readonly services: readonly string[];
  /** Only the system lines (supervisor messages, board lost and back). */
  readonly systemOnly: boolean;
  readonly tail: number;
  readonly json: boolean;
}

function printer(request: LogsRequest, boards: number): (line: LogLine) => void {
  const prefix = new PrefixPrinter();
  return (line) => {
    if (request.systemOnly && !line.system) return;
    if (request.json) return printJson(line);
    const service = line.service ?? 'system';
    const name = boards > 1 ? `${line.board} ${service}` : service;
    prefix.line(name, line.message, { system: line.system });
  };
}

export async function readLogs(client: ContractClient, request: LogsRequest): Promise<void> {
  const { lines } = await client.call('logs.read', query(request));
  lines.forEach(printer(request, 1));
}

const query = (request: LogsRequest) => ({
  board: request.board,
  services: [...request.services],
  tail: request.tail,
  system: true,
  ...(request.project === undefined ? {} : { project: request.project }),
});

/** Follows every board's logs until SIGINT or SIGTERM; resolves once all streams are stopped. */
export async function followLogs(
  client: ContractClient,
  requests: readonly LogsRequest[],
): Promise<void> {
  // Held until a signal even when no stream is open yet (a board with nothing running).
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const streams: string[] = [];
  const feeds = await Promise.all(
    requests.map(async (request) => {
      const feed = keyedFeed(
        client,
        'logs.line',
        (line) => line.streamId,
        printer(request, requests.length),
      );
      const { streamId } = await client.call('logs.follow', query(request));
      streams.push(streamId);
      feed.known(streamId);
      return feed;
    }),
  );
  await stopped;
  clearInterval(keepAlive);
  feeds.forEach((feed) => feed.stop());
  await Promise.allSettled(streams.map((streamId) => client.call('logs.stop', { streamId })));
}
