// SPDX-License-Identifier: Apache-2.0
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeBatcher, mergeKinds } from '../../../src/main/develop/live/change-batcher.js';
import type { FileChange } from '../../../src/main/develop/sync-plan.js';

const options = { quietMs: 30, maxWaitMs: 250 };

/** A batcher whose syncs are recorded and finish when the test says. */
function recorder() {
  const batches: FileChange[][] = [];
  const finish: (() => void)[] = [];
  const batcher = new ChangeBatcher(
    (batch) =>
      new Promise<void>((resolve) => {
        batches.push([...batch]);
        finish.push(resolve);
      }),
    options,
  );
  return { batcher, batches, finish };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('change batcher', () => {
  it('hands a save over once the folder has been quiet for the quiet spell', () => {
    const { batcher, batches } = recorder();
    batcher.add({ path: 'index.html', kind: 'change' });
    vi.advanceTimersByTime(29);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[{ path: 'index.html', kind: 'change' }]]);
  });

  it('makes one batch of a 500-file burst that keeps arriving, and holds it no longer than the maximum wait', () => {
    const { batcher, batches } = recorder();
    for (let i = 0; i < 500; i += 1) {
      batcher.add({ path: `src/file-${i}.js`, kind: 'add' });
      if (i % 50 === 0) vi.advanceTimersByTime(20);
    }
    vi.advanceTimersByTime(30);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(500);

    const busy = recorder();
    for (let i = 0; i < 20; i += 1) {
      busy.batcher.add({ path: `a-${i}`, kind: 'change' });
      vi.advanceTimersByTime(20);
    }
    // Never 30 ms of quiet, yet a sync started within the maximum wait.
    expect(busy.batches.length).toBe(1);
    expect(busy.batches[0]?.length).toBeLessThan(20);
  });

  it('keeps what arrives during a sync for the next one, never losing or doubling a change', async () => {
    const { batcher, batches, finish } = recorder();
    batcher.add({ path: 'a', kind: 'change' });
    vi.advanceTimersByTime(30);
    batcher.add({ path: 'b', kind: 'change' });
    batcher.add({ path: 'a', kind: 'change' });
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(1);
    finish[0]?.();
    await vi.advanceTimersByTimeAsync(30);
    expect(batches).toEqual([
      [{ path: 'a', kind: 'change' }],
      [
        { path: 'b', kind: 'change' },
        { path: 'a', kind: 'change' },
      ],
    ]);
  });

  it('collects while paused, puts a failed batch back under newer changes, and syncs all on resume', () => {
    const { batcher, batches } = recorder();
    batcher.pause();
    batcher.add({ path: 'new.txt', kind: 'add' });
    batcher.putBack([
      { path: 'gone.txt', kind: 'unlink' },
      { path: 'new.txt', kind: 'unlink' },
    ]);
    vi.advanceTimersByTime(1000);
    expect(batches).toEqual([]);
    expect(batcher.size).toBe(2);
    batcher.resume();
    vi.advanceTimersByTime(30);
    expect(batches).toEqual([
      [
        { path: 'gone.txt', kind: 'unlink' },
        { path: 'new.txt', kind: 'add' },
      ],
    ]);
  });

  it('merges two events on a path into what is there now', () => {
    expect(mergeKinds('add', 'change')).toBe('add');
    expect(mergeKinds('change', 'unlink')).toBe('unlink');
    expect(mergeKinds('unlink', 'add')).toBe('add');
    expect(mergeKinds('addDir', 'unlinkDir')).toBe('unlinkDir');
  });
});
