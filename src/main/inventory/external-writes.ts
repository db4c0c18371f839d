// SPDX-License-Identifier: Apache-2.0
// Another process may write the inventory (`benchtop inventory import` works on the file, not
// through a running server, whose frames stop at 1 MB). SQLite's data_version changes when
// another connection commits; polling it is a read of one page header, so a server notices an
// import within a few seconds and joins the boards it already hears to the new records.
import type { Database } from 'better-sqlite3';

const POLL_MS = 2000;

export function watchExternalWrites(
  db: Database,
  onWrite: () => void,
  pollMs = POLL_MS,
): () => void {
  const version = (): unknown => db.pragma('data_version', { simple: true });
  let last = version();
  const timer = setInterval(() => {
    if (!db.open) return;
    const now = version();
    if (now === last) return;
    last = now;
    onWrite();
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
