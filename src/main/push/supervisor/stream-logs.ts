// SPDX-License-Identifier: Apache-2.0
// Follows a board's /v2/local/logs until told to stop, reconnecting when the board goes away
// and comes back (a reboot, a cable pulled). The first connection fails fast with the reason;
// later drops are retried for as long as the caller listens. A board that vanishes without
// closing the connection sends nothing more, so a /ping now and then tells silence from loss.
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchtopError } from '../../../shared/errors.js';
import { LogLineSplitter, type SupervisorLogLine } from './log-lines.js';
import { SupervisorClient } from './supervisor-client.js';

export type LogConnectionEvent =
  { readonly state: 'connected' } | { readonly state: 'lost'; readonly reason: string };

export interface StreamLogsOptions {
  readonly address: string;
  readonly onLine: (line: SupervisorLogLine) => void;
  /** Told when the stream is up, and when it dropped (then it is being retried). */
  readonly onConnection?: (event: LogConnectionEvent) => void;
  /** Aborting it ends the stream; the returned promise then resolves. */
  readonly signal: AbortSignal;
  /** Deadline of each connection attempt and each /ping. */
  readonly timeoutMs?: number;
  /** How often to check a quiet connection with /ping. */
  readonly heartbeatMs?: number;
  /** First wait before reconnecting; it doubles up to maxRetryDelayMs. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
}

export async function streamSupervisorLogs(options: StreamLogsOptions): Promise<void> {
  const client = new SupervisorClient(
    options.address,
    options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
  );
  const { signal } = options;
  const firstDelay = options.retryDelayMs ?? 1000;
  let delay = firstDelay;
  let connected = false;
  while (!signal.aborted) {
    const connection = new AbortController();
    const stop = (): void => connection.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      let body: ReadableStream<Uint8Array>;
      try {
        body = await client.openLogs(connection.signal);
      } catch (error) {
        if (signal.aborted) return;
        // Before the first connection the caller wants the reason now, not retries; a board
        // that now asks for a key has been joined to a cloud, and retrying cannot help.
        if (!connected || isNotLocalMode(error)) throw error;
        await sleep(delay, undefined, { signal }).catch(() => undefined);
        delay = Math.min(delay * 2, options.maxRetryDelayMs ?? 5000);
        continue;
      }
      connected = true;
      delay = firstDelay;
      options.onConnection?.({ state: 'connected' });
      const reason = await pump(body, client, connection, options);
      if (signal.aborted) return;
      options.onConnection?.({ state: 'lost', reason });
      // A supervisor that ends every stream at once must not be asked again in a tight loop.
      await sleep(firstDelay, undefined, { signal }).catch(() => undefined);
    } finally {
      signal.removeEventListener('abort', stop);
      connection.abort();
    }
  }
}

/** Feeds lines to onLine until the stream ends; says why it ended. */
async function pump(
  body: ReadableStream<Uint8Array>,
  client: SupervisorClient,
  connection: AbortController,
  options: StreamLogsOptions,
): Promise<string> {
  const splitter = new LogLineSplitter();
  const heartbeat = checkAlive(client, connection, options.heartbeatMs ?? 5000);
  try {
    for await (const chunk of body) {
      for (const line of splitter.push(chunk)) options.onLine(line);
    }
    return `${client.where} closed the log stream`;
  } catch (error) {
    const reason: unknown = connection.signal.reason;
    if (reason instanceof BenchtopError) return reason.message;
    return `the log stream from ${client.where} broke (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    // The heartbeat sees the abort and ends by itself (a ping in flight has its own deadline).
    connection.abort();
    void heartbeat;
  }
}

/** Pings while the connection lasts; a failed ping ends the connection with its reason. */
async function checkAlive(
  client: SupervisorClient,
  connection: AbortController,
  everyMs: number,
): Promise<void> {
  const { signal } = connection;
  while (!signal.aborted) {
    const waited = await sleep(everyMs, true, { signal }).catch(() => false);
    if (!waited) return;
    try {
      await client.ping();
    } catch (error) {
      connection.abort(
        error instanceof BenchtopError
          ? error
          : new BenchtopError('UNREACHABLE', `${client.where} stopped answering.`),
      );
      return;
    }
  }
}

function isNotLocalMode(error: unknown): boolean {
  return error instanceof BenchtopError && error.code === 'NOT_LOCAL_MODE';
}
