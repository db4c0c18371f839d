// SPDX-License-Identifier: Apache-2.0
// Where a flash's write runs, and whether a writer waits ready for it. Nothing that could
// prompt or grant anything new is ever started ahead: only an engine that is root already
// may keep a writer ready, and a request reaches a writer only after the engine's checks
// (flash-job.ts calls spawn then). A non-root engine starts the elevated writer process then.
//
// A root engine, by how it runs:
// - 'keep' (serve, the desktop app): one idle writer process from the first drive listing
//   on, started again after each write, so a flash does not wait for Node and the writer's
//   bundle to load; it exits as soon as its engine goes (its stdin closes), or when disposed;
// - 'in-process' (the CLI): no writer process at all; the write runs in the CLI's own
//   process once the checks pass (in-process-writer.ts), one Node start and one etcher-sdk
//   load fewer before the first byte.
import { inProcessWriter } from './in-process-writer.js';
import { launchWriter, type IdleWriter, type spawnWriter } from './spawn-writer.js';

export type WriterReadiness = 'keep' | 'in-process';

export interface WriterSource {
  spawn: typeof spawnWriter;
  /** Starts the idle writer now, if one may be kept and none is ready. */
  warm(): void;
  dispose(): void;
}

export function writerSource(options: {
  readiness: WriterReadiness | undefined;
  /** The engine's uid (process.getuid()); only root keeps a writer or writes itself. */
  uid: number | undefined;
  launch?: () => IdleWriter;
  inProcess?: () => IdleWriter;
}): WriterSource {
  const launch = options.launch ?? launchWriter;
  const root = options.uid === 0;
  const keep = root && options.readiness === 'keep';
  const here = root && options.readiness === 'in-process';
  let idle: IdleWriter | undefined;
  let disposed = false;
  const warm = (): void => {
    if (keep && !disposed && !idle?.alive) idle = launch();
  };
  return {
    warm,
    spawn(onMessage) {
      if (here) return (options.inProcess ?? inProcessWriter)().take(onMessage);
      const ready = idle?.alive ? idle : launch();
      idle = undefined;
      const handle = ready.take(onMessage);
      // The next one starts once this write is over, not beside it (two cores, one disk).
      if (keep) void handle.exited.then(warm);
      return handle;
    },
    dispose() {
      disposed = true;
      idle?.close();
      idle = undefined;
    },
  };
}
