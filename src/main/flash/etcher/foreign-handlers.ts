// SPDX-License-Identifier: Apache-2.0
// etcher-sdk loads ext2fs, an Emscripten build that, when loaded, adds process-wide
// `uncaughtException` and `unhandledRejection` listeners that rethrow. Left in place they turn
// any stray rejection anywhere in a long-running engine into a crash that prints a megabyte of
// minified source. This module is imported first by ./index.ts, so it sees the listeners as
// they were before etcher-sdk loaded; ./index.ts then removes the ones loading added.

const beforeException = new Set(process.listeners('uncaughtException'));
const beforeRejection = new Set(process.listeners('unhandledRejection'));

export function removeListenersAddedByLoading(): void {
  for (const listener of process.listeners('uncaughtException')) {
    if (!beforeException.has(listener)) process.off('uncaughtException', listener);
  }
  for (const listener of process.listeners('unhandledRejection')) {
    if (!beforeRejection.has(listener)) process.off('unhandledRejection', listener);
  }
}

/**
 * Loads a module (a later, lazily loaded part of etcher-sdk) and removes the process listeners
 * its loading added, leaving any added meanwhile by Benchtop itself (serve's own) in place.
 */
export async function loadWithoutForeignHandlers<T>(load: () => Promise<T>): Promise<T> {
  const exception = new Set(process.listeners('uncaughtException'));
  const rejection = new Set(process.listeners('unhandledRejection'));
  try {
    return await load();
  } finally {
    for (const listener of process.listeners('uncaughtException'))
      if (!exception.has(listener)) process.off('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection'))
      if (!rejection.has(listener)) process.off('unhandledRejection', listener);
  }
}
