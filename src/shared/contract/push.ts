// SPDX-License-Identifier: Apache-2.0
// What the faces show of a project before it is pushed: its services, how each is built (the
// Dockerfile chosen, whether it was a template and with which values), the context sizes, and
// the notes a person should read. Commands that return it come with the push commands.
import { z } from 'zod';
import { ErrorInfo } from '../errors.js';
import { JobRef } from '../jobs.js';
import { command } from './define.js';

/** balena's names for what an image is built for. */
export const PushTarget = z.object({
  /** amd64, aarch64, armv7hf, rpi, i386. */
  arch: z.string(),
  /** balena device type slug: raspberrypi4-64, generic-amd64... */
  deviceType: z.string(),
});
export type PushTarget = z.infer<typeof PushTarget>;

/** Something the person should read before pushing; warnings are printed, never asked. */
export const ProjectNote = z.object({
  level: z.enum(['info', 'warning']),
  message: z.string(),
});
export type ProjectNote = z.infer<typeof ProjectNote>;

export const ProjectBuildSummary = z.object({
  /** The build context, relative to the project root ("." for the root). */
  context: z.string(),
  /** The Dockerfile chosen, relative to the context (Dockerfile.<deviceType> > .<arch> > .template > Dockerfile). */
  dockerfile: z.string(),
  fromTemplate: z.boolean(),
  /** The %%VARIABLE%% values a template was expanded with; empty for a plain Dockerfile. */
  templateValues: z.record(z.string(), z.string()),
  /** The Dockerfile as it is sent to the engine. */
  dockerfileText: z.string(),
  args: z.record(z.string(), z.string()),
  target: z.string().optional(),
  /** What goes to the engine, after .dockerignore. */
  contextFiles: z.number().int().nonnegative(),
  contextBytes: z.number().int().nonnegative(),
});
export type ProjectBuildSummary = z.infer<typeof ProjectBuildSummary>;

export const ProjectServiceSummary = z.object({
  name: z.string(),
  /** The image run: the local build's tag, or the compose `image:`. */
  image: z.string(),
  /** Present when the service is built; absent for an image-only service. */
  build: ProjectBuildSummary.optional(),
  dependsOn: z.array(z.string()),
  /** Published ports as "[ip:]published:target/protocol", for display. */
  ports: z.array(z.string()),
  networkMode: z.string().optional(),
});
export type ProjectServiceSummary = z.infer<typeof ProjectServiceSummary>;

export const ProjectSummary = z.object({
  /** Absolute path of the project folder, on the machine running the engine. */
  root: z.string(),
  name: z.string(),
  /** Compose files read, base first; empty when the project is a bare Dockerfile folder. */
  composeFiles: z.array(z.string()),
  target: PushTarget,
  services: z.array(ProjectServiceSummary),
  /** Sum of every build context, in bytes. */
  contextBytes: z.number().int().nonnegative(),
  notes: z.array(ProjectNote),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

// --- Commands: inspect, push (a job), logs, and the services a push left on a board. ---------

/** A board as the user names it: an address (pushed to directly) or a name discovery knows. */
const BoardRef = z.string().min(1, 'name a board: its address, hostname or short uuid');

/** `[service:]KEY=VALUE`, as balena-cli takes --env and --build-arg. */
export const ServiceKeyValue = z
  .string()
  .regex(
    /^(?:[A-Za-z0-9][A-Za-z0-9_.-]*:)?[A-Za-z_][A-Za-z0-9_]*=/,
    'expected [service:]KEY=VALUE, e.g. frontend:PORT=80 or DEBUG=1',
  );

export const PushInspectInput = z
  .object({
    /** The project folder, on the machine running the engine. */
    source: z.string().min(1),
    /** A board whose arch and device type fill the template values; generic amd64 without. */
    board: BoardRef.optional(),
    deviceType: z.string().min(1).optional(),
    multiDockerignore: z.boolean().default(false),
  })
  .strict();

export const PushStartInput = z
  .object({
    boards: z.array(BoardRef).min(1, 'name at least one board'),
    source: z.string().min(1),
    /** Only the logs followed after the push are limited by it, as in balena-cli. */
    services: z.array(z.string().min(1)).default([]),
    env: z.array(ServiceKeyValue).default([]),
    buildArgs: z.array(ServiceKeyValue).default([]),
    nocache: z.boolean().default(false),
    multiDockerignore: z.boolean().default(false),
    /** The device type of boards that do not say theirs (plain engines). */
    deviceType: z.string().min(1).optional(),
    /**
     * Run the containers as live sync wants them (livepush's #dev-cmd-live= and #dev-env=): set
     * when live.start follows the push.
     */
    live: z.boolean().default(false),
  })
  .strict();

export const PushServiceOutcome = z.object({
  name: z.string(),
  image: z.string(),
  imageId: z.string().optional(),
  outcome: z.enum(['created', 'replaced', 'unchanged']),
});
export type PushServiceOutcome = z.infer<typeof PushServiceOutcome>;

/** One board's part of a push: one board failing never stops the others. */
export const PushBoardResult = z.object({
  /** The board as it was named. */
  board: z.string(),
  address: z.string().optional(),
  state: z.enum(['succeeded', 'failed']),
  /** 'supervisor': handed to the board's supervisor in local mode; 'engine': applied by Benchtop. */
  runPath: z.enum(['engine', 'supervisor']).optional(),
  target: PushTarget.optional(),
  /** The board whose engine built the images, when another board of the same kind did. */
  builtOn: z.string().optional(),
  /**
   * What runs on the board after a successful push, as a short id: the same project, images
   * and container settings give the same id, so an unchanged push says so.
   */
  release: z.string().optional(),
  services: z.array(PushServiceOutcome),
  error: ErrorInfo.optional(),
});
export type PushBoardResult = z.infer<typeof PushBoardResult>;

export const PushResult = z.object({
  project: z.string(),
  root: z.string(),
  boards: z.array(PushBoardResult),
});
export type PushResult = z.infer<typeof PushResult>;

/** One line of a board's logs: a service's output, or a system message (board lost, restarted...). */
export const LogLine = z.object({
  board: z.string(),
  project: z.string().optional(),
  service: z.string().optional(),
  /** ISO time the line was written on the board. */
  timestamp: z.string(),
  stream: z.enum(['stdout', 'stderr']).optional(),
  system: z.boolean(),
  message: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;

export const LogsInput = z
  .object({
    board: BoardRef,
    /** Benchtop's project name; every project on the board when left out. */
    project: z.string().min(1).optional(),
    services: z.array(z.string().min(1)).default([]),
    /** Include the system messages (supervisor lines, board lost/back). */
    system: z.boolean().default(true),
    /** Lines of history per service before following. */
    tail: z.number().int().nonnegative().max(100_000).default(100),
  })
  .strict();

/** A service a push left on a board, as a fleet dashboard's device page lists it. */
export const BoardService = z.object({
  project: z.string(),
  name: z.string(),
  containerId: z.string(),
  state: z.string(),
  image: z.string(),
  startedAt: z.string().optional(),
  restarts: z.number().int().nonnegative(),
  health: z.string().optional(),
});
export type BoardService = z.infer<typeof BoardService>;

export const pushCommands = {
  'push.inspect': command({
    // Reads a project folder on the host: only who pushes needs it.
    role: 'operator',
    description:
      'Load a project folder: its services, resolved Dockerfiles, template values and context sizes',
    input: PushInspectInput,
    result: ProjectSummary,
  }),
  'push.start': command({
    role: 'operator',
    description: 'Build a project on the boards’ engines and run it there',
    input: PushStartInput,
    result: JobRef,
    job: PushResult,
  }),
  'logs.read': command({
    role: 'viewer',
    description: 'What the services of a board have logged so far (the last `tail` lines each)',
    input: LogsInput,
    result: z.object({ lines: z.array(LogLine) }),
  }),
  'logs.follow': command({
    role: 'viewer',
    description: 'Stream a board’s logs as logs.line events until logs.stop or the client leaves',
    input: LogsInput,
    result: z.object({ streamId: z.string() }),
  }),
  'logs.stop': command({
    // Stops this client's own following.
    role: 'viewer',
    description: 'Stop following logs',
    input: z.object({ streamId: z.string() }).strict(),
    result: z.object({ stopped: z.boolean() }),
  }),
  'board.services': command({
    role: 'viewer',
    description: 'The services Benchtop pushed to a board, with their state',
    input: z.object({ board: BoardRef, project: z.string().min(1).optional() }).strict(),
    result: z.array(BoardService),
  }),
  'board.service': command({
    role: 'operator',
    description: 'Restart, stop or start one service on a board',
    input: z
      .object({
        board: BoardRef,
        project: z.string().min(1),
        service: z.string().min(1),
        action: z.enum(['restart', 'stop', 'start']),
      })
      .strict(),
    result: BoardService,
  }),
  'board.reboot': command({
    role: 'operator',
    description:
      'Reboot a board through its balena supervisor (POST /v1/reboot on 48484); a board without one says so',
    input: z.object({ board: BoardRef, force: z.boolean().default(false) }).strict(),
    result: z.object({ board: z.string(), rebooting: z.literal(true) }),
  }),
};

export const pushEvents = {
  /** Build and deploy output of a push job, line by line, prefixed by board and service. */
  'push.output': z.object({
    jobId: z.string(),
    board: z.string(),
    service: z.string().optional(),
    kind: z.enum(['build', 'deploy', 'system']),
    line: z.string(),
  }),
  'logs.line': LogLine.extend({ streamId: z.string() }),
  /**
   * One board's service restarted, stopped or started on its own (not as part of a group
   * action, whose result is recorded whole): what the board's history keeps of it.
   */
  'board.serviceChanged': z.object({
    board: z.string(),
    project: z.string(),
    service: z.string(),
    action: z.enum(['restart', 'stop', 'start']),
    at: z.string(),
    by: z.string(),
  }),
};

/** A push's output is followed by job id; a log stream by its stream id. */
export const pushEventKeys = { 'push.output': 'jobId', 'logs.line': 'streamId' } as const;
