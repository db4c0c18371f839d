// SPDX-License-Identifier: Apache-2.0
// What the window keeps in its browser storage: read back with care (an old or hand-edited value
// must not break a pane), written without failing (a full or refused storage costs the memory,
// not the change).

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The window's storage; reached through globalThis so the parsers load in Node tests. */
export const browserStorage = (
  kind: 'localStorage' | 'sessionStorage',
): KeyValueStore | undefined => (globalThis as Partial<Record<typeof kind, KeyValueStore>>)[kind];

/** A stored JSON object's fields, or undefined when nothing usable is stored. */
export function storedRecord(stored: string | null): Record<string, unknown> | undefined {
  if (!stored) return undefined;
  try {
    const value: unknown = JSON.parse(stored);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Stores the value as JSON, or nothing when the storage is full or refused. */
export function storeJson(store: KeyValueStore | undefined, key: string, value: unknown): void {
  try {
    store?.setItem(key, JSON.stringify(value));
  } catch {
    // Kept for this page only.
  }
}
