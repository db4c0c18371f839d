// SPDX-License-Identifier: Apache-2.0
// After a board went away: ask its engine again, less and less often, until it answers.
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';

/** First retry soon (an engine restart takes seconds), then no more than every 5 s. */
export const BACKOFF_MS = [250, 500, 1000, 2000, 5000] as const;
/** One ping may take this long before the board counts as still away. */
export const PING_TIMEOUT_MS = 3000;

export function backoffDelay(attempt: number): number {
  return BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 5000;
}

/** True once the engine answers a ping; false when `signal` aborts first. */
export async function waitForEngine(docker: Docker, signal: AbortSignal): Promise<boolean> {
  for (let attempt = 0; !signal.aborted; attempt += 1) {
    if (await pings(docker, signal)) return true;
    await sleep(backoffDelay(attempt), undefined, { signal }).catch(() => undefined);
  }
  return false;
}

/** One ping within PING_TIMEOUT_MS; its socket ends either way. */
export async function pings(docker: Docker, signal: AbortSignal): Promise<boolean> {
  const abortSignal = AbortSignal.any([signal, AbortSignal.timeout(PING_TIMEOUT_MS)]);
  // dockerode's ping takes an abortSignal; its types leave the options out.
  const ping = docker.ping.bind(docker) as (options: {
    abortSignal: AbortSignal;
  }) => Promise<unknown>;
  return ping({ abortSignal }).then(
    () => true,
    () => false,
  );
}
