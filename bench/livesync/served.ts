// SPDX-License-Identifier: Apache-2.0
// "Served": what an HTTP GET from the board's published port returns right now. The bench polls
// quickly (every POLL_MS) from the save until the page shows the change, or gives up.
import { get } from 'node:http';

const POLL_MS = 20;
const REQUEST_TIMEOUT_MS = 1_000;

export interface Page {
  /** 0 when nothing answered (connection refused while a container restarts, a timeout). */
  readonly status: number;
  readonly body: string;
}

export function fetchPage(url: string): Promise<Page> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', () => resolve({ status: 0, body: '' }));
    });
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy());
    request.on('error', () => resolve({ status: 0, body: '' }));
  });
}

/** The page answers 200 with `text` in its body. */
export const shows = async (url: string, text: string): Promise<boolean> => {
  const page = await fetchPage(url);
  return page.status === 200 && page.body.includes(text);
};

/** The page is gone: the server answers 404 (not a refused connection mid-restart). */
export const gone = async (url: string): Promise<boolean> => (await fetchPage(url)).status === 404;

/**
 * Seconds from `since` (a performance.now() reading) until `check` first holds, or null when it
 * still does not after `timeoutMs`, or after `done` (the tool has finished reacting) resolved.
 */
export async function secondsUntil(
  check: () => Promise<boolean>,
  since: number,
  timeoutMs: number,
  done?: Promise<unknown>,
): Promise<number | null> {
  let finished = false;
  void done?.then(
    () => (finished = true),
    () => (finished = true),
  );
  for (;;) {
    const wasFinished = finished;
    if (await check()) return (performance.now() - since) / 1000;
    if (wasFinished || performance.now() - since > timeoutMs) return null;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
