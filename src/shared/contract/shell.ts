// SPDX-License-Identifier: Apache-2.0
// Shells on a board: a terminal into one of its service containers (the engine's exec with a
// TTY) or into its host OS (ssh to port 22222, as balenaOS development images offer). Bytes
// travel as base64, as console data does, so whatever a program prints survives JSON.
import { z } from 'zod';
import { ErrorInfo } from '../errors.js';
import { command } from './define.js';

/** Where a shell runs: the board's host OS, or a container of a pushed project. */
export const ShellTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host') }).strict(),
  z
    .object({
      kind: z.literal('service'),
      /** A service name (as the compose file names it), a container name, or a container id. */
      service: z.string().trim().min(1).max(256),
      /** Narrows the service to one project when several are pushed to the board. */
      project: z.string().trim().min(1).max(256).optional(),
    })
    .strict(),
]);
export type ShellTarget = z.infer<typeof ShellTarget>;

/** What a shell can be opened into on a board, for a picker ("Host OS / frontend / proxy"). */
export const ShellTargetInfo = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host'), label: z.string() }),
  z.object({
    kind: z.literal('service'),
    label: z.string(),
    service: z.string(),
    project: z.string().optional(),
    containerId: z.string(),
    /** The engine's word; only a running container takes a shell. */
    state: z.string(),
  }),
]);
export type ShellTargetInfo = z.infer<typeof ShellTargetInfo>;

export const ShellState = z.enum(['open', 'exited']);
export type ShellState = z.infer<typeof ShellState>;

/** How a shell ended. */
export const ShellExit = z.object({
  /** The program's exit status; null when it ended by a signal or the link was lost. */
  status: z.number().int().nullable(),
  /** The signal's name when it ended by one (TERM, HUP …). */
  signal: z.string().optional(),
  /** Set when the shell ended because something failed (the board went away). */
  error: ErrorInfo.optional(),
  at: z.string(),
});
export type ShellExit = z.infer<typeof ShellExit>;

export const ShellSession = z.object({
  id: z.string(),
  /** The board as the caller named it (address or name). */
  board: z.string(),
  address: z.string(),
  target: ShellTarget,
  /** The container the shell runs in, for a service target. */
  containerId: z.string().optional(),
  /** What runs: the command given, or the shell chosen (/bin/bash when present, else /bin/sh; the login shell on the host). */
  command: z.array(z.string()),
  /** With a TTY, output is one stream with the terminal's line ends; without, stdout and stderr. */
  tty: z.boolean(),
  cols: z.number().int().positive(),
  rows: z.number().int().positive(),
  state: ShellState,
  exit: ShellExit.optional(),
  openedAt: z.string(),
});
export type ShellSession = z.infer<typeof ShellSession>;

export const ShellExecResult = z.object({
  /** stdout and stderr as they came, the last 256 KiB when there was more. */
  output: z.string(),
  /** The exit status; null when the command ended by a signal. */
  status: z.number().int().nullable(),
  signal: z.string().optional(),
});
export type ShellExecResult = z.infer<typeof ShellExecResult>;

const Cols = z.number().int().min(1).max(1000);
const Rows = z.number().int().min(1).max(1000);
const SessionRef = z.object({ sessionId: z.string().min(1) });

export const shellCommands = {
  'shell.targets': command({
    role: 'viewer',
    description: 'What a shell can open into on a board: its host OS and each pushed service',
    input: z.object({ board: z.string().trim().min(1).max(256) }).strict(),
    result: z.array(ShellTargetInfo),
  }),
  'shell.open': command({
    role: 'operator',
    description:
      'Open a shell on a board (ADDR|NAME): its host OS over ssh, or a service’s container; with a command, run that instead of a login shell',
    input: z
      .object({
        board: z.string().trim().min(1).max(256),
        /**
         * The session's id, chosen by the caller so that it can subscribe to the session's
         * events before the program starts, and miss none of a short command's output.
         */
        sessionId: z.uuid().optional(),
        target: ShellTarget.default({ kind: 'host' }),
        /**
         * A command to run instead of a login shell: its words are joined by spaces and run by
         * the shell (`sh -c` in a container, the login shell over ssh), as `ssh host CMD…` does.
         * Empty or absent: an interactive shell.
         */
        command: z
          .array(z.string().max(64 * 1024))
          .max(1024)
          .optional(),
        /** false: no terminal, stdout and stderr apart, for scripts. */
        tty: z.boolean().default(true),
        cols: Cols.default(80),
        rows: Rows.default(24),
      })
      .strict(),
    result: ShellSession,
  }),
  'shell.exec': command({
    role: 'operator',
    description:
      'Run one command on a board (its host OS over ssh, or a service’s container) and return its output and exit status',
    input: z
      .object({
        board: z.string().trim().min(1).max(256),
        target: ShellTarget.default({ kind: 'host' }),
        /** Run by the shell (`sh -c` in a container, the login shell over ssh). */
        command: z
          .string()
          .min(1)
          .max(64 * 1024),
        timeoutMs: z.number().int().min(100).max(3_600_000).default(60_000),
      })
      .strict(),
    result: ShellExecResult,
  }),
  'shell.history': command({
    // Viewers may watch a shell (its events) as they watch a console.
    role: 'viewer',
    description:
      'A shell’s recent output (bounded) and how it ended if it has; seq is the last chunk it includes',
    input: SessionRef.strict(),
    result: z.object({ data: z.string(), seq: z.number().int(), session: ShellSession }),
  }),
  'shell.write': command({
    role: 'operator',
    description: 'Send bytes to a shell (what was typed or pasted)',
    input: SessionRef.extend({
      data: z.string().max(1024 * 1024),
      encoding: z.enum(['utf8', 'base64']).default('utf8'),
    }).strict(),
    result: z.object({ written: z.number().int() }),
  }),
  'shell.eof': command({
    role: 'operator',
    description: 'Close a shell’s input (what Ctrl-D at the end of a pipe does), for scripts',
    input: SessionRef.strict(),
    result: z.object({ closed: z.boolean() }),
  }),
  'shell.resize': command({
    // Changes the shell's terminal, which the program in it sees.
    role: 'operator',
    description: 'Tell a shell its terminal’s new size',
    input: SessionRef.extend({ cols: Cols, rows: Rows }).strict(),
    result: ShellSession,
  }),
  'shell.close': command({
    // Hangs up a shell some operator opened.
    role: 'operator',
    description: 'End a shell (hanging up if it still runs) and forget it',
    input: SessionRef.strict(),
    result: z.object({ closed: z.boolean() }),
  }),
  'shell.list': command({
    role: 'viewer',
    description: 'The shells open right now, and those that ended but are not closed yet',
    input: z.object({}).strict(),
    result: z.array(ShellSession),
  }),
};

export const shellEvents = {
  'shell.data': z.object({
    sessionId: z.string(),
    /** Increases by one per chunk; history() says up to which one it covers. */
    seq: z.number().int(),
    /** base64 bytes. */
    data: z.string(),
    /** Without a TTY, which stream the bytes came from; with one, always stdout. */
    stream: z.enum(['stdout', 'stderr']),
  }),
  'shell.exit': z.object({ sessionId: z.string(), exit: ShellExit }),
};

/** A viewer subscribes to one shell's output and end only. */
export const shellEventKeys = {
  'shell.data': 'sessionId',
  'shell.exit': 'sessionId',
} as const;
