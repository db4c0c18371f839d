// SPDX-License-Identifier: Apache-2.0
// Writes by another process reach the file but not this connection's triggers: `benchtop
// inventory import` never goes through a running server (its frames stop at 1 MB), and a
// second engine records its own flashes. SQLite's data_version changes when another connection
// has committed; that is asked once a second, which costs next to nothing.
import type { Database } from 'better-sqlite3';

export const OUTSIDE_WRITES_MS = 1000;

/** Calls `changed` after another connection commits; returns the stop. */
export function watchOutsideWrites(
  db: Database,
  changed: () => void,
  everyMs = OUTSIDE_WRITES_MS,
): () => void {
  const version = (): unknown => db.pragma('data_version', { simple: true });
  let seen = version();
  const timer = setInterval(() => {
    try {
      const now = version();
      if (now === seen) return;
      changed();
      seen = now;
    } catch {
      // Locked by the other writer for a moment: the next tick asks (and reads) again.
    }
  }, everyMs);
  // A CLI run ends when its work does, not when this stops.
  timer.unref();
  return () => clearInterval(timer);
}
