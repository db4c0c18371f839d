// SPDX-License-Identifier: Apache-2.0
// hand-over: the new container says it has taken over by writing `handover-complete` in its
// lock dir; the old one is stopped then, or after the service's timeout. The lock volume is
// shared by old and new (as on balenaOS), so a file left by an earlier hand-over counts only
// when it was written after the new container started.
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { HANDOVER_COMPLETE_FILE, LOCK_DIR_TARGETS } from './names.js';

export const HANDOVER_POLL_MS = 250;

export type HandoverOutcome = 'complete' | 'timeout';

interface PathStat {
  readonly mtime?: unknown;
}

/** When the file at `path` in the container was last written, or undefined when it is absent. */
async function writtenAt(container: Docker.Container, path: string): Promise<number | undefined> {
  let response: IncomingMessage;
  try {
    // HEAD /archive answers 404 until the file exists (dockerode's message says "no such
    // container" then, wrongly), and carries the file's stat as base64 JSON in a header.
    const answer: unknown = await container.infoArchive({ path });
    response = answer as IncomingMessage;
  } catch {
    return undefined;
  }
  response.resume();
  const header = response.headers['x-docker-container-path-stat'];
  if (typeof header !== 'string') return undefined;
  const stat = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as PathStat;
  return typeof stat.mtime === 'string' ? Date.parse(stat.mtime) : undefined;
}

export async function awaitHandover(
  docker: Docker,
  containerId: string,
  timeoutMs: number,
): Promise<HandoverOutcome> {
  const container = docker.getContainer(containerId);
  const startedAt = Date.parse((await container.inspect()).State.StartedAt);
  const deadline = Date.now() + timeoutMs;
  const paths = LOCK_DIR_TARGETS.map((dir) => `${dir}/${HANDOVER_COMPLETE_FILE}`);
  for (;;) {
    const times = await Promise.all(paths.map((path) => writtenAt(container, path)));
    // Whole-second mtimes on some filesystems: allow the second the container started in.
    if (times.some((time) => time !== undefined && time >= startedAt - 1000)) return 'complete';
    const left = deadline - Date.now();
    if (left <= 0) return 'timeout';
    await sleep(Math.min(HANDOVER_POLL_MS, left));
  }
}
