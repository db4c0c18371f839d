// SPDX-License-Identifier: Apache-2.0
// Each container's lines come in its own time order; the person reads one list in time order.

interface Timestamped {
  readonly timestamp: string;
}

/**
 * Merges lists that are each in time order into one, oldest first. Equal timestamps keep the
 * order of the lists given (so one service's lines written in one instant stay together).
 */
export function mergeByTime<T extends Timestamped>(lists: readonly (readonly T[])[]): T[] {
  const merged: T[] = [];
  const next = lists.map(() => 0);
  for (;;) {
    let pick = -1;
    for (let i = 0; i < lists.length; i += 1) {
      const candidate = lists[i]?.[next[i] ?? 0];
      if (!candidate) continue;
      const best = pick === -1 ? undefined : lists[pick]?.[next[pick] ?? 0];
      if (!best || candidate.timestamp < best.timestamp) pick = i;
    }
    if (pick === -1) return merged;
    const chosen = lists[pick]?.[next[pick] ?? 0];
    if (chosen) merged.push(chosen);
    next[pick] = (next[pick] ?? 0) + 1;
  }
}
