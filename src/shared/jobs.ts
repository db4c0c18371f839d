// SPDX-License-Identifier: Apache-2.0
import { z } from 'zod';
import { ErrorInfo } from './errors.js';

export const JobState = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const JobProgress = z.object({
  /** Bytes or steps done so far in the current phase. */
  done: z.number().nonnegative(),
  /** Total for the current phase, when known. */
  total: z.number().nonnegative().optional(),
  unit: z.enum(['bytes', 'steps']),
  /** Units per second, averaged over the last few seconds. */
  speed: z.number().nonnegative().optional(),
  /** Seconds left in the current phase, when total and speed are known. */
  eta: z.number().nonnegative().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** A part of a job that can succeed or fail on its own (one card of a multi-card flash). */
export const JobTask = z.object({
  id: z.string(),
  label: z.string(),
  state: JobState,
  phase: z.string(),
  progress: JobProgress.optional(),
  error: ErrorInfo.optional(),
});
export type JobTask = z.infer<typeof JobTask>;

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: JobState,
  phase: z.string(),
  progress: JobProgress.optional(),
  tasks: z.array(JobTask),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /** Who started it (a user of the bench): the inventory's history names them. */
  by: z.string().optional(),
  /** The final result; its shape is documented by the command that started the job. */
  result: z.unknown().optional(),
  error: ErrorInfo.optional(),
});
export type Job = z.infer<typeof Job>;

export const JobRef = z.object({ jobId: z.string() });
export type JobRef = z.infer<typeof JobRef>;

export const isFinished = (job: Pick<Job, 'state'>): boolean => job.state !== 'running';
