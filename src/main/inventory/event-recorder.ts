// SPDX-License-Identifier: Apache-2.0
// Listens on the engine's bus for what the inventory keeps (finished flash and push jobs, mDNS
// boards coming and going, ports tied, console sessions and execs on tied ports) and hands it
// to the inventory service. This file loads no SQLite: the service (and better-sqlite3) loads
// on the first event worth recording, so an engine that flashes, pushes and hears nothing
// never opens the file.
import {
  FlashResult,
  GroupResult,
  PushResult,
  type ConsoleSession,
  type DeviceChange,
  type EventPayload,
} from '../../shared/contract/index.js';
import { hintFor, toErrorInfo } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import { ConsoleWatch } from './console-watch.js';
import type { InventoryRecording } from './index.js';

export interface EventRecorderOptions {
  bus: EventBus;
  load: () => Promise<InventoryRecording>;
  /** Where the one message goes when recording stops (stderr by default). */
  warn?: (message: string) => void;
}

export interface EventRecorder {
  /** Resolves when everything heard so far is written (or dropped). */
  settled(): Promise<void>;
  /** Stops listening, after what was heard is written. */
  stop(): Promise<void>;
  /** Why recording stopped, if it did. */
  readonly disabled: string | undefined;
}

/** Every group action's job ends with a GroupResult, recorded the same way. */
const GROUP_JOBS: ReadonlySet<string> = new Set(['group.exec', 'group.service', 'group.reboot']);

const defaultWarn = (message: string): void => {
  process.stderr.write(`benchtop: ${message}\n`);
};

export function startEventRecorder(options: EventRecorderOptions): EventRecorder {
  const warn = options.warn ?? defaultWarn;
  let queue: Promise<void> = Promise.resolve();
  let disabled: string | undefined;
  const seenJobs = new Set<string>();

  // One write at a time, in the order heard. A database that cannot be opened or written
  // (locked by another program, damaged, from a newer Benchtop) stops recording for this run
  // with one message: the engine and its flashes and pushes carry on without it.
  const enqueue = (work: (recording: InventoryRecording) => Promise<void>): void => {
    if (disabled !== undefined) return;
    queue = queue.then(async () => {
      if (disabled !== undefined) return;
      try {
        await work(await options.load());
      } catch (error) {
        disabled = toErrorInfo(error).message;
        const hint = hintFor(error);
        warn(
          `the inventory records nothing more in this run: ${disabled}${hint ? ` ${hint}` : ''}`,
        );
      }
    });
  };

  const onJob = (job: EventPayload<'job.update'>): void => {
    if (job.state === 'running' || job.result === undefined || seenJobs.has(job.id)) return;
    if (job.kind === 'flash.start') {
      const result = FlashResult.safeParse(job.result);
      if (!result.success) return;
      seenJobs.add(job.id);
      enqueue((r) => r.flashRun(result.data, job.by));
    } else if (GROUP_JOBS.has(job.kind)) {
      const result = GroupResult.safeParse(job.result);
      if (!result.success) return;
      seenJobs.add(job.id);
      const at = job.endedAt ?? new Date().toISOString();
      enqueue((r) => r.groupRun(job.id, result.data, at, job.by));
    } else if (job.kind === 'push.start') {
      const result = PushResult.safeParse(job.result);
      if (!result.success) return;
      seenJobs.add(job.id);
      const at = job.endedAt ?? new Date().toISOString();
      enqueue((r) => r.pushRun(result.data, at, job.by));
    }
  };

  const onDevice = (change: DeviceChange): void => {
    // Hand-added and asked-for boards say nothing about presence on the bench's networks.
    if (change.board.source !== 'mdns') return;
    enqueue((r) => r.deviceChange(change));
  };

  // Consoles and ties concern a board only through a tie; the watch remembers each open
  // session's port, board and logs until it closes.
  const consoles = new ConsoleWatch();
  const onConsole = (session: ConsoleSession): void => {
    const ended = consoles.state(session);
    if (ended) enqueue((r) => r.consoleSession(ended));
  };

  const off = [
    options.bus.on('job.update', onJob),
    options.bus.on('devices.changed', onDevice),
    options.bus.on('ports.tied', (change) => enqueue((r) => r.portTied(change))),
    options.bus.on('console.state', onConsole),
    options.bus.on('board.serviceChanged', (change) => enqueue((r) => r.serviceChange(change))),
    // A group's exec is recorded once, with the group's result (which also covers boards whose
    // port is tied to none), not again as the console's.
    options.bus.on('console.executed', (exec) => {
      if (exec.board !== null && exec.group === undefined) enqueue((r) => r.consoleExec(exec));
    }),
  ];
  return {
    settled: () => queue,
    async stop() {
      for (const stop of off) stop();
      await queue;
    },
    get disabled() {
      return disabled;
    },
  };
}
