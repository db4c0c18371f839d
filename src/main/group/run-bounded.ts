// SPDX-License-Identifier: Apache-2.0
// Runs one piece of work per item, at most `concurrency` at a time, in the items' order. Each
// item's work reports its own outcome (it never throws here): one board failing never stops the
// rest. Once the signal aborts, items not yet started are handed to `skipped` instead.
export interface BoundedRun<T, R> {
  readonly items: readonly T[];
  readonly concurrency: number;
  readonly work: (item: T, index: number) => Promise<R>;
  readonly skipped: (item: T, index: number) => R;
  readonly signal?: AbortSignal | undefined;
}

export async function runBounded<T, R>(run: BoundedRun<T, R>): Promise<R[]> {
  const results = new Array<R>(run.items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < run.items.length) {
      const index = next++;
      const item = run.items[index] as T;
      results[index] = run.signal?.aborted ? run.skipped(item, index) : await run.work(item, index);
    }
  };
  const lanes = Math.max(1, Math.min(run.concurrency, run.items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
