// SPDX-License-Identifier: Apache-2.0
// A long-running engine that is already root (serve or the desktop app started as root) keeps
// one idle writer started, so a flash does not wait for Node and etcher-sdk to load after its
// checks pass. It is only ever kept where starting it prompts nobody and grants nothing new:
// the engine is root already. The idle writer is handed a request only after the checks, like
// a fresh one, and exits as soon as its engine goes (its stdin closes).
import { launchWriter, type IdleWriter, type spawnWriter } from './spawn-writer.js';

export interface WriterSource {
  spawn: typeof spawnWriter;
  /** Starts the idle writer now, if one is kept (the first drive listing calls this). */
  warm(): void;
  dispose(): void;
}

export function writerSource(options: { keepReady: boolean }): WriterSource {
  const keep = options.keepReady && process.getuid?.() === 0;
  let idle: IdleWriter | undefined;
  let disposed = false;
  const warm = (): void => {
    if (keep && !disposed && !idle?.alive) idle = launchWriter();
  };
  return {
    warm,
    spawn(onMessage) {
      const ready = idle?.alive ? idle : launchWriter();
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
