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

export const appCommands = {
  'app.info': command({
    description: 'Version and host of the running engine',
    input: Empty,
    result: AppInfo,
  }),
  'jobs.list': command({
    description: 'All jobs of this session, running and finished',
    input: Empty,
    result: z.array(Job),
  }),
  'jobs.get': command({
    description: 'One job by id',
    input: JobRef.strict(),
    result: Job,
  }),
  'jobs.cancel': command({
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
