// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { runBounded } from '../../../src/main/group/run-bounded.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runBounded', () => {
  it('never runs more than the concurrency at once, and keeps the items’ order in its results', async () => {
    let running = 0;
    let most = 0;
    const results = await runBounded({
      items: [5, 1, 4, 2, 3, 0, 6],
      concurrency: 3,
      work: async (n) => {
        running += 1;
        most = Math.max(most, running);
        for (let i = 0; i < n; i += 1) await tick();
        running -= 1;
        return n * 10;
      },
      skipped: () => -1,
    });
    expect(most).toBe(3);
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
  });

  it('hands the items not started to `skipped` once the signal aborts', async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const results = await runBounded({
      items: [0, 1, 2, 3, 4],
      concurrency: 2,
      signal: stop.signal,
      work: async (n) => {
        started.push(n);
        if (n === 1) stop.abort();
        await tick();
        return 'ran';
      },
      skipped: () => 'skipped',
    });
    expect(started).toEqual([0, 1]);
    expect(results).toEqual(['ran', 'ran', 'skipped', 'skipped', 'skipped']);
  });

  it('returns nothing for no items', async () => {
    const results = await runBounded({
      items: [],
      concurrency: 8,
      work: async () => 1,
      skipped: () => 0,
    });
    expect(results).toEqual([]);
  });
});
