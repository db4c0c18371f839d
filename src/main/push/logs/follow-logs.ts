// SPDX-License-Identifier: Apache-2.0
// `benchtop logs --follow` on a plain engine: the last lines of each service in time order, then
// every new line as it comes, across re-pushes (a replaced container is picked up from the
// events API) and across the board going away and coming back, until `signal` aborts.
import type Docker from 'dockerode';
import { dockerError, type DockerTarget } from '../../docker/index.js';
import { engineTarget } from '../services/engine-target.js';
import type { ProjectContainer } from '../services/index.js';
import { readContainerLog } from './container-log.js';
import { watchContainerStarts } from './engine-events.js';
import { LogCursor } from './log-cursor.js';
import { systemLine, type LogLine, type ServiceLogLine } from './log-line.js';
import { DEFAULT_TAIL, selectContainers, wanted, type LogSelection } from './log-selection.js';
import { mergeByTime } from './merge-lines.js';
import { pings, waitForEngine } from './wait-for-engine.js';

export interface FollowLogsOptions extends LogSelection {
  /** The last N lines of each container before following (default 100). */
  readonly tail?: number;
  /** Stops the follow; the promise resolves once every socket is closed. */
  readonly signal: AbortSignal;
  readonly onLine: (line: LogLine) => void;
  readonly target?: DockerTarget;
  /** How often a quiet board is asked whether it is still there (default 5 s). */
  readonly heartbeatMs?: number;
}

/**
 * Rejects only when the board cannot be reached at the start (an UNREACHABLE or other
 * BenchtopError); once following, a lost board is a system line and a wait for it to return.
 */
export async function followLogs(docker: Docker, options: FollowLogsOptions): Promise<void> {
  if (options.signal.aborted) return;
  const follower = new Follower(docker, options);
  try {
    await follow(follower, docker, options);
  } finally {
    follower.dispose();
  }
}

async function follow(follower: Follower, docker: Docker, options: FollowLogsOptions) {
  try {
    await follower.start();
  } catch (error) {
    await follower.close();
    throw dockerError(error, engineTarget(docker, options.target));
  }
  const { signal } = options;
  const project = options.project ?? null;
  while (!signal.aborted) {
    const reason = await follower.followRound();
    await follower.close();
    if (signal.aborted) break;
    options.onLine(systemLine(project, `board lost: ${reason}`));
    if (!(await waitForEngine(docker, signal))) break;
    options.onLine(systemLine(project, 'board back'));
  }
}

/** One container's read position and whether a read of it runs now. */
interface Tracked {
  readonly cursor: LogCursor;
  reading: boolean;
  /** It started again while its previous read was still ending: read again after. */
  again: boolean;
}

class Follower {
  private readonly tracked = new Map<string, Tracked>();
  private readonly reads = new Set<Promise<void>>();
  private round = new AbortController();
  private readonly stopRound = () => this.round.abort();
  /** Why the current round ended, when the heartbeat found out first. */
  private lost: string | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly options: FollowLogsOptions,
  ) {
    options.signal.addEventListener('abort', this.stopRound, { once: true });
  }

  /** The tail of every container, merged in time order; this is where an unreachable board fails. */
  async start(): Promise<void> {
    const containers = await selectContainers(this.docker, this.options);
    const perContainer = await Promise.all(
      containers.map(async (container) => {
        const tracked = this.track(container.id);
        const lines: ServiceLogLine[] = [];
        await readContainerLog(this.docker, {
          container,
          follow: false,
          tail: this.options.tail ?? DEFAULT_TAIL,
          signal: this.round.signal,
          onLine: (line) => {
            if (tracked.cursor.accept(line)) lines.push(line);
          },
        });
        return lines;
      }),
    );
    for (const line of mergeByTime(perContainer)) this.options.onLine(line);
  }

  /** Follows until the engine goes away (the reason, in words) or the signal aborts. */
  async followRound(): Promise<string> {
    if (this.round.signal.aborted && !this.options.signal.aborted) {
      this.round = new AbortController();
    }
    const round = this.round;
    const { signal } = round;
    let pinging = false;
    const heartbeat = setInterval(() => {
      if (pinging) return;
      pinging = true;
      void pings(this.docker, signal).then((alive) => {
        pinging = false;
        if (alive || signal.aborted) return;
        this.lost ??= 'its engine stopped answering';
        round.abort();
      });
    }, this.options.heartbeatMs ?? 5000);
    this.lost = undefined;
    try {
      await watchContainerStarts(
        this.docker,
        this.options.project,
        signal,
        (container) => this.read(container, 'all'),
        () => this.readListed(),
      );
      return this.lost ?? 'its engine closed the connection';
    } catch (error) {
      return (
        this.lost ?? dockerError(error, engineTarget(this.docker, this.options.target)).message
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Ends this round's reads and waits for their sockets to close. */
  async close(): Promise<void> {
    this.round.abort();
    await Promise.allSettled([...this.reads]);
  }

  dispose(): void {
    this.options.signal.removeEventListener('abort', this.stopRound);
  }

  /** Every container there now; the events stream is already listening for later ones. */
  private readListed(): void {
    const listing = selectContainers(this.docker, this.options)
      .then((listed) => listed.forEach((container) => this.read(container, 'tail')))
      .catch(() => undefined) // the board went away again: the events stream says so
      .finally(() => this.reads.delete(listing));
    this.reads.add(listing);
  }

  private track(id: string): Tracked {
    let tracked = this.tracked.get(id);
    if (!tracked) {
      tracked = { cursor: new LogCursor(), reading: false, again: false };
      this.tracked.set(id, tracked);
    }
    return tracked;
  }

  /**
   * Follows one container from where we left it; a container never seen before from its first
   * line when it just started, else its last `tail` lines.
   */
  private read(container: ProjectContainer, unseen: 'all' | 'tail'): void {
    if (!wanted(this.options, container) || this.round.signal.aborted) return;
    const known = this.tracked.has(container.id);
    const tracked = this.track(container.id);
    if (tracked.reading) {
      tracked.again = true;
      return;
    }
    tracked.reading = true;
    tracked.again = false;
    const since = tracked.cursor.timestamp;
    const from =
      since !== undefined
        ? { since }
        : known || unseen === 'all'
          ? {}
          : { tail: this.options.tail ?? DEFAULT_TAIL };
    const done = readContainerLog(this.docker, {
      container,
      follow: true,
      ...from,
      signal: this.round.signal,
      onLine: (line) => {
        if (tracked.cursor.accept(line)) this.options.onLine(line);
      },
    })
      // A container removed under us (a re-push) or a board going away ends its read; the events
      // stream, not this read, tells the person about the board.
      .catch(() => undefined)
      .finally(() => {
        tracked.reading = false;
        this.reads.delete(done);
        if (tracked.again) this.read(container, unseen);
      });
    this.reads.add(done);
  }
}
