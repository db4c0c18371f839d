// SPDX-License-Identifier: Apache-2.0
// Serial ports and the console sessions on them. A port is opened once by main and shared by
// every viewer (UI tabs, CLI sessions, `console.exec`); bytes travel as base64 so that binary
// garbage from a board survives JSON.
import { z } from 'zod';
import { ConsoleSettings, ConsoleSettingsChange } from './console-settings.js';
import { command } from './define.js';

export const PortInfo = z.object({
  path: z.string(),
  /** /dev/serial/by-id/… when udev made one: stable across replugs. */
  byIdPath: z.string().optional(),
  manufacturer: z.string().optional(),
  product: z.string().optional(),
  serialNumber: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  /** A console session has this port open right now. */
  openSessionId: z.string().optional(),
  /** The board this port is tied to (its serial console), when one is. */
  board: z.string().optional(),
});
export type PortInfo = z.infer<typeof PortInfo>;

export * from './console-settings.js';

export const ConsoleState = z.enum(['connecting', 'connected', 'waiting', 'closed']);
export type ConsoleState = z.infer<typeof ConsoleState>;

/** A stretch of time the port was gone; the output carries a marker line at the same place. */
export const ConsoleGap = z.object({ from: z.string(), to: z.string() });

export const ConsoleSession = z.object({
  id: z.string(),
  path: z.string(),
  /** How the session finds its port again after an unplug. */
  identity: z.union([
    z.object({ kind: z.literal('usb'), serialNumber: z.string() }),
    z.object({ kind: z.literal('path'), path: z.string() }),
  ]),
  settings: ConsoleSettings,
  state: ConsoleState,
  /** Why it is waiting, in words. */
  reason: z.string().optional(),
  viewers: z.number().int().nonnegative(),
  /** The board the port is tied to, when it is. */
  board: z.string().optional(),
  logFile: z.string().optional(),
  /** The log is plain text: escape sequences and carriage returns left out. */
  logPlain: z.boolean().optional(),
  /** Who started the log, in its own words; the log ends when that client leaves. */
  logOwner: z.string().optional(),
  gaps: z.array(ConsoleGap),
  /** Bytes received since the session opened. */
  received: z.number().nonnegative(),
  openedAt: z.string(),
  /** Who has had it open (users of the bench), in the order they came. */
  users: z.array(z.string()).optional(),
});
export type ConsoleSession = z.infer<typeof ConsoleSession>;

const SessionRef = z.object({ sessionId: z.string().min(1) });
/** An absolute path, or a name under Benchtop's logs folder (`console.logsFolder`). */
const LogFile = z.string().min(1).max(4096);
/** Who asks for a log, as people will read it ("benchtop console (pid 4242)", "a browser window"). */
const LogOwner = z.string().trim().min(1).max(120);
const PortPath = z.string().min(1).max(4096);
/** How a board is named when a port is tied to it: its hostname (a balenaOS short uuid) is best. */
const BoardName = z.string().trim().min(1).max(256);
/** Which port: a path, or the board a port was tied to. */
const exactlyOneTarget = (input: { path?: string | undefined; board?: string | undefined }) =>
  (input.path === undefined) !== (input.board === undefined);
const targetMessage = { message: 'give either a port path or a board, not both or neither' };

export const PortTie = z.object({
  board: z.string(),
  /** Where the port is now; for a USB adapter that is unplugged, where it was last. */
  path: z.string(),
  serialNumber: z.string().optional(),
  present: z.boolean(),
});
export type PortTie = z.infer<typeof PortTie>;

export const ConsoleExecResult = z.object({
  output: z.string(),
  status: z.number().int(),
  /** True when the console asked for a login and exec logged in first. */
  loggedIn: z.boolean(),
});
export type ConsoleExecResult = z.infer<typeof ConsoleExecResult>;

/** How many characters of an exec's output travel in its event (the caller got all of it). */
export const EXEC_EXCERPT_CHARS = 500;

export const PortTieChange = z.object({
  path: z.string(),
  /** The USB adapter's serial number: the tie follows it wherever it is plugged. */
  serialNumber: z.string().nullable(),
  board: z.string().nullable(),
  at: z.string(),
  /** Who tied it (a user of the bench). */
  by: z.string().optional(),
});
export type PortTieChange = z.infer<typeof PortTieChange>;

export const ConsoleExecuted = z.object({
  sessionId: z.string(),
  path: z.string(),
  serialNumber: z.string().nullable(),
  /** The board the port is tied to, when it is. */
  board: z.string().nullable(),
  command: z.string(),
  /** The exit status; null when exec failed before the command ended (see error). */
  status: z.number().int().nullable(),
  /** The output's first EXEC_EXCERPT_CHARS characters, and whether there was more. */
  excerpt: z.string(),
  truncated: z.boolean(),
  error: z.string().nullable(),
  /** The session's log file at the time, when it had one. */
  logFile: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  /** The group action (its job id) this exec was one board's part of; its history is the group's. */
  group: z.string().optional(),
  /** Who ran it (a user of the bench). */
  by: z.string().optional(),
});
export type ConsoleExecuted = z.infer<typeof ConsoleExecuted>;

export const serialCommands = {
  'ports.list': command({
    role: 'viewer',
    description: 'Serial ports with their USB identity, and which ones a console has open',
    input: z.object({}).strict(),
    result: z.array(PortInfo),
  }),
  'ports.tie': command({
    role: 'operator',
    description:
      'Tie a port to a board (remembered; a USB adapter by its serial number), so its console opens by the board’s name; board null unties',
    input: z.object({ path: PortPath, board: BoardName.nullable() }).strict(),
    result: z.object({ path: z.string(), board: z.string().nullable() }),
  }),
  'ports.ties': command({
    role: 'viewer',
    description: 'Which port is tied to which board',
    input: z.object({}).strict(),
    result: z.array(PortTie),
  }),
  'console.open': command({
    role: 'viewer',
    // New settings reach the board (and are remembered for the port); a log file is written on
    // the host: each is an operator's, as console.settings and console.log are.
    roleFor: (input) =>
      input.settings !== undefined || input.logFile !== undefined ? 'operator' : 'viewer',
    description:
      'Open a console on a port (or join the session already open on it); settings not given come from the ones remembered for the port',
    input: z
      .object({
        path: PortPath.optional(),
        board: BoardName.optional(),
        settings: ConsoleSettingsChange.optional(),
        /** Log every line with a timestamp to this file (appended). */
        logFile: LogFile.optional(),
        logPlain: z.boolean().optional(),
        logOwner: LogOwner.optional(),
      })
      .strict()
      .refine(exactlyOneTarget, targetMessage),
    result: ConsoleSession,
  }),
  'console.list': command({
    role: 'viewer',
    description: 'The console sessions open right now',
    input: z.object({}).strict(),
    result: z.array(ConsoleSession),
  }),
  'console.history': command({
    role: 'viewer',
    description:
      'The most recent output of a session (bounded), so a new viewer starts with the screen; seq is the last chunk it includes',
    input: SessionRef.strict(),
    result: z.object({ data: z.string(), seq: z.number().int() }),
  }),
  'console.write': command({
    // Bytes typed reach the board.
    role: 'operator',
    description: 'Send bytes to the board (what a viewer typed or pasted)',
    input: SessionRef.extend({
      data: z.string().max(1024 * 1024),
      encoding: z.enum(['utf8', 'base64']).default('utf8'),
    }).strict(),
    result: z.object({ written: z.number().int() }),
  }),
  'console.close': command({
    // Leaving is anyone's; closing it for everyone (force) is an operator's (roleFor).
    role: 'viewer',
    roleFor: (input) => (input.force ? 'operator' : 'viewer'),
    description:
      'Leave a session; the port closes when its last viewer leaves (or at once with force)',
    input: SessionRef.extend({ force: z.boolean().default(false) }).strict(),
    result: z.object({ closed: z.boolean() }),
  }),
  'console.settings': command({
    // A new baud rate or mapping changes what every viewer sees and what the board receives.
    role: 'operator',
    description: 'Change a session’s settings; they are remembered for the port',
    input: SessionRef.extend({ settings: ConsoleSettingsChange }).strict(),
    result: ConsoleSession,
  }),
  'console.log': command({
    // Writes a file on the host, named by the caller.
    role: 'operator',
    description:
      'Start logging a session to a file with a timestamp per line (plain: without escape sequences), or stop (null); the log ends when the client that started it leaves the console',
    input: SessionRef.extend({
      logFile: LogFile.nullable(),
      plain: z.boolean().default(false),
      owner: LogOwner.optional(),
    }).strict(),
    result: ConsoleSession,
  }),
  'console.logsFolder': command({
    role: 'viewer',
    description: 'Where a log named without a folder goes',
    input: z.object({}).strict(),
    result: z.object({ folder: z.string() }),
  }),
  'console.break': command({
    // A BREAK reaches the board (a bootloader may stop on it).
    role: 'operator',
    description: 'Send a BREAK condition on the line',
    input: SessionRef.extend({
      durationMs: z.number().int().min(1).max(5000).default(250),
    }).strict(),
    result: z.object({ sent: z.literal(true) }),
  }),
  'console.signals': command({
    // DTR and RTS reset many boards.
    role: 'operator',
    description: 'Set the DTR and RTS modem lines',
    input: SessionRef.extend({ dtr: z.boolean().optional(), rts: z.boolean().optional() }).strict(),
    result: z.object({ dtr: z.boolean().optional(), rts: z.boolean().optional() }),
  }),
  'console.exec': command({
    role: 'operator',
    description:
      'Run a shell command on the board’s getty (logging in if asked) and return its output and exit status',
    input: z
      .object({
        path: PortPath.optional(),
        board: BoardName.optional(),
        command: z
          .string()
          .min(1)
          .max(64 * 1024),
        user: z.string().min(1).max(256).optional(),
        password: z.string().max(4096).optional(),
        timeoutMs: z.number().int().min(100).max(3_600_000).default(60_000),
        settings: ConsoleSettingsChange.optional(),
      })
      .strict()
      .refine(exactlyOneTarget, targetMessage),
    result: ConsoleExecResult,
  }),
};

export const serialEvents = {
  'console.data': z.object({
    sessionId: z.string(),
    /** Increases by one per chunk; history() says up to which one it covers. */
    seq: z.number().int(),
    /** base64 bytes, already mapped by receiveMap. */
    data: z.string(),
  }),
  'console.state': ConsoleSession,
  'ports.changed': z.array(PortInfo),
  /** A port was tied to a board (board null: untied); the inventory keeps it on the board. */
  'ports.tied': PortTieChange,
  /** A `console.exec` ended (or failed): what a board's history keeps of it. */
  'console.executed': ConsoleExecuted,
};

/** Which payload field keys each event: a viewer subscribes to one session's events only. */
export const serialEventKeys = {
  'console.data': 'sessionId',
  'console.state': 'id',
} as const;
