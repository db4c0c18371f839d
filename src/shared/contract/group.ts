// SPDX-License-Identifier: Apache-2.0
// Group actions: one command run on many boards at once (a crate's self-test, every board that
// failed), with bounded concurrency, a timeout per board and a result per board as it ends.
// A group action is a job; each board is one of its tasks.
import { z } from 'zod';
import { ErrorInfo } from '../errors.js';
import { JobRef } from '../jobs.js';
import { command } from './define.js';

/** Which boards: an inventory filter ("crate=2 label=arch=aarch64"), names given by hand, or both. */
export const GroupSelection = z
  .object({
    filter: z.string().trim().max(1000).optional(),
    names: z.array(z.string().trim().min(1).max(256)).max(1000).optional(),
  })
  .strict()
  .refine((s) => (s.filter ?? '') !== '' || (s.names?.length ?? 0) > 0, {
    message: 'name the boards: a filter (e.g. "crate=2"), names, or both',
  });
export type GroupSelection = z.input<typeof GroupSelection>;

/** Where the command runs on each board. */
export const GroupOver = z.discriminatedUnion('kind', [
  /** The serial console tied to the board (`console exec`: logs in when asked). */
  z.object({ kind: z.literal('serial') }).strict(),
  /** The host OS over ssh (port 22222 on balenaOS development images). */
  z.object({ kind: z.literal('ssh') }).strict(),
  /** A pushed service's container, through the board's engine. */
  z.object({ kind: z.literal('container'), service: z.string().trim().min(1).max(256) }).strict(),
]);
export type GroupOver = z.infer<typeof GroupOver>;

/** What every group action takes: which boards, how many at once, how long each may take. */
const groupRun = {
  boards: GroupSelection,
  /** How many boards at once. */
  concurrency: z.number().int().min(1).max(64).default(8),
  /** Per board: a board that takes longer fails alone, as "timed out". */
  timeoutMs: z.number().int().min(100).max(3_600_000).default(60_000),
};

export const GroupExecRequest = z
  .object({
    ...groupRun,
    over: GroupOver.default({ kind: 'ssh' }),
    command: z
      .string()
      .min(1, 'give the command to run')
      .max(64 * 1024),
    /** For a serial console that asks for a login. */
    user: z.string().min(1).max(256).optional(),
    password: z.string().max(4096).optional(),
  })
  .strict();
export type GroupExecRequest = z.input<typeof GroupExecRequest>;

export const GroupServiceRequest = z
  .object({
    ...groupRun,
    service: z.string().trim().min(1, 'name the service').max(256),
    action: z.enum(['restart', 'stop', 'start']),
    /** The pushed project the service belongs to; found on each board when only one has it. */
    project: z.string().trim().min(1).max(256).optional(),
  })
  .strict();
export type GroupServiceRequest = z.input<typeof GroupServiceRequest>;

export const GroupRebootRequest = z.object(groupRun).strict();
export type GroupRebootRequest = z.input<typeof GroupRebootRequest>;

export const GroupBoardResult = z.object({
  board: z.string(),
  ok: z.boolean(),
  /** The command's exit status; null when it never ran to an end (timeout, unreachable). */
  status: z.number().int().nullable(),
  durationMs: z.number().nonnegative(),
  /** What the command printed (the last 64 KiB when it printed more). */
  output: z.string(),
  error: ErrorInfo.optional(),
});
export type GroupBoardResult = z.infer<typeof GroupBoardResult>;

export const GroupAction = z.enum(['exec', 'service', 'reboot']);
export type GroupAction = z.infer<typeof GroupAction>;

export const GroupResult = z.object({
  action: GroupAction,
  /** What each board was asked to do: the command, "restart daq", "reboot". */
  command: z.string(),
  /** Where an exec ran; absent for the other actions. */
  over: GroupOver.optional(),
  boards: z.array(GroupBoardResult),
  succeeded: z.number().int(),
  failed: z.number().int(),
});
export type GroupResult = z.infer<typeof GroupResult>;

export const groupCommands = {
  'group.exec': command({
    role: 'operator',
    description:
      'Run one command on many boards (over serial, ssh or in a service container), a few at a time, with a result per board',
    input: GroupExecRequest,
    result: JobRef,
    job: GroupResult,
  }),
  'group.service': command({
    role: 'operator',
    description:
      'Restart, stop or start one pushed service on many boards, a few at a time, with a result per board',
    input: GroupServiceRequest,
    result: JobRef,
    job: GroupResult,
  }),
  'group.reboot': command({
    role: 'operator',
    description:
      'Reboot many boards through their balena supervisors, a few at a time; a board without one says so',
    input: GroupRebootRequest,
    result: JobRef,
    job: GroupResult,
  }),
  'group.select': command({
    // Only names the boards a filter matches.
    role: 'viewer',
    description:
      'The boards a selection names (inventory filter and names), as a group action would act on them',
    input: z.object({ boards: GroupSelection }).strict(),
    result: z.object({
      names: z.array(z.string()),
      /** Each board with the serial port the inventory ties to it, if any. */
      members: z.array(z.object({ name: z.string(), portPath: z.string().optional() })),
    }),
  }),
};

export const groupEvents = {
  /** One board's result, as soon as it has one (the job's end carries them all). */
  'group.board': z.object({ jobId: z.string(), result: GroupBoardResult }),
};

export const groupEventKeys = { 'group.board': 'jobId' } as const;
