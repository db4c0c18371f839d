// SPDX-License-Identifier: Apache-2.0
import { z } from 'zod';
import { command } from './define.js';
import { Job, JobRef } from '../jobs.js';

export const AppInfo = z.object({
  name: z.literal('benchtop'),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  /** Which face the engine runs behind. */
  host: z.enum(['electron', 'server', 'cli']),
  isRoot: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const Empty = z.object({}).strict();

/** One entry of a folder on the machine running the engine, offered to complete a typed path. */
export const PathEntry = z.object({
  name: z.string(),
  /** The full path, as the engine's platform writes it. */
  path: z.string(),
  /** A directory, or a link to one. */
  dir: z.boolean(),
});
export type PathEntry = z.infer<typeof PathEntry>;

export const appCommands = {
  'app.info': command({
    role: 'viewer',
    description: 'Version and host of the running engine',
    input: Empty,
    result: AppInfo,
  }),
  'paths.complete': command({
    // Lists the host's folders: only who pushes (or flashes) a path from it needs that.
    role: 'operator',
    description:
      'Complete a path being typed on the machine running the engine: the entries of its folder that start with its last part, folders first',
    input: z
      .object({
        /** Absolute, or starting with ~; a trailing separator lists the folder itself. */
        path: z.string().min(1, 'type a path: /home/me/project or ~/project').max(4096),
      })
      .strict(),
    result: z.object({
      /** The folder that was listed. */
      folder: z.string(),
      entries: z.array(PathEntry),
      /** More entries matched than were returned: type more of the name. */
      truncated: z.boolean(),
    }),
  }),
  'jobs.list': command({
    role: 'viewer',
    description: 'All jobs of this session, running and finished',
    input: Empty,
    result: z.array(Job),
  }),
  'jobs.get': command({
    role: 'viewer',
    description: 'One job by id',
    input: JobRef.strict(),
    result: Job,
  }),
  'jobs.cancel': command({
    // Stopping work (a push, a group exec) is an operator's; an operator may so stop an admin's flash, which leaves a card to flash again but the host unchanged.
    role: 'operator',
    description: 'Ask a running job to stop; it ends as cancelled',
    input: JobRef.strict(),
    result: Job,
  }),
};

export const appEvents = {
  'job.update': Job,
};

/** A face following one job subscribes to its id. */
export const appEventKeys = { 'job.update': 'id' } as const;
