// SPDX-License-Identifier: Apache-2.0

/** The part of fatfs's filesystem object (as balena-image-fs's interact gives it) used here. */
interface FatCloser {
  close(fd: number, callback: (error?: unknown) => void): void;
}

/**
 * fatfs keeps each closed file's entry for 500 ms on a timer it does not unref, so the first
 * FAT read (inspecting an image's boot partition) kept the CLI alive for half a second after
 * its work was done: a short flash or `image inspect` ended up to 0.5 s late. This lets those
 * timers (and only those: 500 ms or longer, set inside fatfs's own close) not hold the process
 * open; while it runs they still fire as before.
 */
export function releaseFilesPromptly<T extends FatCloser>(fs: T): T {
  const close = fs.close.bind(fs);
  fs.close = (fd, callback) => {
    const setTimer = globalThis.setTimeout;
    globalThis.setTimeout = ((
      handler: (...a: unknown[]) => void,
      ms?: number,
      ...args: unknown[]
    ) => {
      const timer = setTimer(() => handler(...args), ms);
      if ((ms ?? 0) >= 500) timer.unref();
      return timer;
    }) as typeof setTimeout;
    try {
      close(fd, callback);
    } finally {
      globalThis.setTimeout = setTimer;
    }
  };
  return fs;
}
