// SPDX-License-Identifier: Apache-2.0
// An engine that is already root starts the writer ahead of need, so a flash does not wait for
// Node and the writer's bundle to load after its checks pass. It is only ever done where
// starting it prompts nobody and grants nothing new: the engine is root already. Otherwise the
// writer starts only after the checks (flash-job.ts). A writer started ahead is handed a
// request only after the checks, like a fresh one, and exits as soon as its engine goes (its
// stdin closes), or when disposed unused.
//
// Two ways of keeping one:
// - 'keep' (serve, the desktop app): one idle writer from the first drive listing on, started
//   again after each write;
// - 'on-request' (the CLI): one started the moment a flash request arrives, so it loads while
//   the engine inspects the image and checks the targets; none after.
import { launchWriter, type IdleWriter, type spawnWriter } from './spawn-writer.js';

export type WriterReadiness = 'keep' | 'on-request';

export interface WriterSource {
  spawn: typeof spawnWriter;
  /** Starts the idle writer now, if one may be kept and none is ready. */
  warm(): void;
  dispose(): void;
}

export function writerSource(options: {
  readiness: WriterReadiness | undefined;
  /** The engine's uid (process.getuid()); only root keeps a writer ready. */
  uid: number | undefined;
  launch?: () => IdleWriter;
}): WriterSource {
  const launch = options.launch ?? launchWriter;
  const allowed = options.readiness !== undefined && options.uid === 0;
  let idle: IdleWriter | undefined;
  let disposed = false;
  const warm = (): void => {
    if (allowed && !disposed && !idle?.alive) idle = launch();
  };
  return {
    warm,
    spawn(onMessage) {
      const ready = idle?.alive ? idle : launch();
      idle = undefined;
      const handle = ready.take(onMessage);
      // The next one starts once this write is over, not beside it (two cores, one disk).
      if (options.readiness === 'keep') void handle.exited.then(warm);
      return handle;
    },
    dispose() {
      disposed = true;
      idle?.close();
      idle = undefined;
    },
  };
}
