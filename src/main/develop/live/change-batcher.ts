// SPDX-License-Identifier: Apache-2.0
// Watcher events into batches: a quiet spell of `quietMs` (tens of milliseconds: an editor's
// save is a few events within a few ms) ends a batch, and a batch waits at most `maxWaitMs`
// however busy the folder is. One batch is handed over at a time; whatever arrives while it is
// synced waits for the next, so nothing is lost and a burst (a checkout of 500 files) becomes
// one or two syncs. Paused (board gone), it only collects. Pure but for the timers given.
import type { FileChange } from '../sync-plan.js';

export interface BatchTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BatcherOptions {
  readonly quietMs: number;
  readonly maxWaitMs: number;
  readonly timers?: BatchTimers;
}

export const DEFAULT_QUIET_MS = 30;
export const DEFAULT_MAX_WAIT_MS = 500;

const realTimers: BatchTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Two events on one path become the one that says what is there now. */
export function mergeKinds(
  earlier: FileChange['kind'],
  later: FileChange['kind'],
): FileChange['kind'] {
  // A file created and then written is still new to the container.
  if (earlier === 'add' && later === 'change') return 'add';
  return later;
}

export class ChangeBatcher {
  private pending = new Map<string, FileChange['kind']>();
  private quietTimer: unknown;
  private maxTimer: unknown;
  private busy = false;
  private paused = false;
  private readonly timers: BatchTimers;

  constructor(
    private readonly sync: (batch: readonly FileChange[]) => Promise<void>,
    private readonly options: BatcherOptions = {
      quietMs: DEFAULT_QUIET_MS,
      maxWaitMs: DEFAULT_MAX_WAIT_MS,
    },
  ) {
    this.timers = options.timers ?? realTimers;
  }

  get size(): number {
    return this.pending.size;
  }

  /** A batch is being synced now. */
  get syncing(): boolean {
    return this.busy;
  }

  add(change: FileChange): void {
    const earlier = this.pending.get(change.path);
    // Re-inserting keeps the batch in the order paths last changed.
    this.pending.delete(change.path);
    this.pending.set(
      change.path,
      earlier === undefined ? change.kind : mergeKinds(earlier, change.kind),
    );
    this.schedule();
  }

  /** A batch that could not be synced goes back, under what came since. */
  putBack(batch: readonly FileChange[]): void {
    const newer = this.pending;
    this.pending = new Map(batch.map((change) => [change.path, change.kind]));
    for (const [path, kind] of newer) {
      const earlier = this.pending.get(path);
      this.pending.delete(path);
      this.pending.set(path, earlier === undefined ? kind : mergeKinds(earlier, kind));
    }
  }

  /** Collect without syncing (the board is away, or the session ends). */
  pause(): void {
    this.paused = true;
    this.clearTimers();
  }

  /** Hands over everything collected, at once, leaving nothing pending. */
  take(): FileChange[] {
    const batch = [...this.pending].map(([path, kind]) => ({ path, kind }));
    this.pending = new Map();
    return batch;
  }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.paused || this.busy || this.pending.size === 0) return;
    if (this.quietTimer !== undefined) this.timers.clearTimeout(this.quietTimer);
    this.quietTimer = this.timers.setTimeout(() => this.flush(), this.options.quietMs);
    this.maxTimer ??= this.timers.setTimeout(() => this.flush(), this.options.maxWaitMs);
  }

  private clearTimers(): void {
    if (this.quietTimer !== undefined) this.timers.clearTimeout(this.quietTimer);
    if (this.maxTimer !== undefined) this.timers.clearTimeout(this.maxTimer);
    this.quietTimer = undefined;
    this.maxTimer = undefined;
  }

  private flush(): void {
    this.clearTimers();
    if (this.paused || this.busy || this.pending.size === 0) return;
    const batch = this.take();
    this.busy = true;
    // The sync reports its own failures; the batcher only needs to know it ended.
    void this.sync(batch)
      .catch(() => undefined)
      .finally(() => {
        this.busy = false;
        this.schedule();
      });
  }
}
