// SPDX-License-Identifier: Apache-2.0
// Live sync after a push: a session per project and board watches the project folder and, for
// each batch of changes, copies, removes, runs, restarts or rebuilds on the board. Every sync
// and every change of the session's state is an event keyed by the session id.
import { z } from 'zod';
import { ErrorInfo } from '../errors.js';
import { command } from './define.js';
import { ServiceKeyValue } from './push.js';

/** The same project values as the push it follows, so a rebuild builds what the push built. */
export const LiveStartInput = z
  .object({
    board: z.string().min(1, 'name a board: its address, hostname or short uuid'),
    /** The project folder, on the machine running the engine. */
    source: z.string().min(1),
    env: z.array(ServiceKeyValue).default([]),
    buildArgs: z.array(ServiceKeyValue).default([]),
    multiDockerignore: z.boolean().default(false),
    deviceType: z.string().min(1).optional(),
  })
  .strict();

/**
 * watching: waiting for changes; syncing: a batch is on its way to the board; offline: the
 * board's engine does not answer (changes are kept); resyncing: it answers again and what
 * changed is being compared with the containers; stopped: the session ended.
 */
export const LiveState = z.enum(['watching', 'syncing', 'offline', 'resyncing', 'stopped']);
export type LiveState = z.infer<typeof LiveState>;

export const LiveSession = z.object({
  sessionId: z.string(),
  board: z.string(),
  address: z.string(),
  project: z.string(),
  root: z.string(),
  state: LiveState,
  /** ISO time the session started. */
  startedAt: z.string(),
  /** Syncs done so far. */
  syncs: z.number().int().nonnegative(),
  /** Changed paths waiting for the next sync (while offline, all of them). */
  pending: z.number().int().nonnegative(),
});
export type LiveSession = z.infer<typeof LiveSession>;

export const LiveFileChange = z.object({
  /** Relative to the project root, with forward slashes. */
  path: z.string(),
  kind: z.enum(['add', 'change', 'unlink', 'addDir', 'unlinkDir']),
});
export type LiveFileChange = z.infer<typeof LiveFileChange>;

/** A command run in a service's container, with what it printed (stdout and stderr, capped). */
export const LiveCommandRun = z.object({
  command: z.array(z.string()),
  exitCode: z.number().int(),
  output: z.string(),
});
export type LiveCommandRun = z.infer<typeof LiveCommandRun>;

/** What one sync did to one service. */
export const LiveServiceSync = z.object({
  service: z.string(),
  /** The image was built again and the container replaced by its update strategy. */
  rebuilt: z.boolean(),
  /** Why it was rebuilt, in words ("Dockerfile changed"). */
  reasons: z.array(z.string()),
  copied: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  ran: z.array(LiveCommandRun),
  restarted: z.boolean(),
  /** The failure, if this service's part failed (a failing command's output is in `ran` too). */
  error: ErrorInfo.optional(),
});
export type LiveServiceSync = z.infer<typeof LiveServiceSync>;

export const LiveSyncEvent = z.object({
  sessionId: z.string(),
  board: z.string(),
  /** Counts from 1 within the session. */
  sync: z.number().int().positive(),
  /** change: files were saved; initial: compose's initial_sync; resync: the board came back. */
  trigger: z.enum(['change', 'initial', 'resync']),
  /** The batch (at most 200 listed; `changeCount` has them all). */
  changes: z.array(LiveFileChange),
  changeCount: z.number().int().nonnegative(),
  services: z.array(LiveServiceSync),
  /** ISO time the sync started, and how long it took. */
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  /** A failure of the sync as a whole (the board left mid-sync: its changes are kept). */
  error: ErrorInfo.optional(),
});
export type LiveSyncEvent = z.infer<typeof LiveSyncEvent>;

export const LiveStateEvent = z.object({
  sessionId: z.string(),
  board: z.string(),
  state: LiveState,
  /** For people: "board 10.231.0.2 left: engine unreachable; 3 changes kept". */
  message: z.string(),
  pending: z.number().int().nonnegative(),
});
export type LiveStateEvent = z.infer<typeof LiveStateEvent>;

/** A line of a rebuild's build and deploy output. */
export const LiveOutputEvent = z.object({
  sessionId: z.string(),
  board: z.string(),
  service: z.string(),
  line: z.string(),
});
export type LiveOutputEvent = z.infer<typeof LiveOutputEvent>;

export const liveCommands = {
  'live.start': command({
    role: 'operator',
    description:
      'Watch a pushed project and sync each change to the board’s containers until live.stop or the client leaves',
    input: LiveStartInput,
    result: LiveSession,
  }),
  'live.stop': command({
    role: 'operator',
    description: 'Stop a live session (the containers keep running)',
    input: z.object({ sessionId: z.string() }).strict(),
    result: z.object({ stopped: z.boolean() }),
  }),
  'live.list': command({
    role: 'viewer',
    description: 'The live sessions of this engine',
    input: z.object({}).strict(),
    result: z.array(LiveSession),
  }),
};

export const liveEvents = {
  /** One per sync: what changed, what ran, how long it took, what failed. */
  'live.sync': LiveSyncEvent,
  /** The session's state: watching, syncing, offline (board gone), resyncing, stopped. */
  'live.state': LiveStateEvent,
  /** Build and deploy lines of a service being rebuilt. */
  'live.output': LiveOutputEvent,
};

/** A session's events are followed by its id. */
export const liveEventKeys = {
  'live.sync': 'sessionId',
  'live.state': 'sessionId',
  'live.output': 'sessionId',
} as const;
