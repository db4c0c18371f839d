// SPDX-License-Identifier: Apache-2.0
// How every terminal of the window looks (text size, theme): set once per pane, not per
// terminal, and kept across reloads.
import { useSyncExternalStore } from 'react';
import { browserStorage, storedRecord, storeJson } from '../../stores/browser-storage.js';

export type TerminalTheme = 'dark' | 'light';

export interface TerminalPrefs {
  readonly fontSize: number;
  readonly theme: TerminalTheme;
}

export const MIN_FONT = 8;
export const MAX_FONT = 32;
export const DEFAULT_PREFS: TerminalPrefs = { fontSize: 14, theme: 'dark' };
const STORAGE_KEY = 'benchtop.terminal';

export const clampFont = (size: number): number =>
  Math.min(MAX_FONT, Math.max(MIN_FONT, Math.round(size)));

/** Reads what was stored, keeping only values that make sense. */
export function parsePrefs(stored: string | null): TerminalPrefs {
  const record = storedRecord(stored);
  if (!record) return DEFAULT_PREFS;
  const size = record['fontSize'];
  return {
    fontSize: typeof size === 'number' ? clampFont(size) : DEFAULT_PREFS.fontSize,
    theme: record['theme'] === 'light' ? 'light' : 'dark',
  };
}

const storage = browserStorage('localStorage');

let current: TerminalPrefs = parsePrefs(storage?.getItem(STORAGE_KEY) ?? null);
const listeners = new Set<() => void>();

export function setTerminalPrefs(change: Partial<TerminalPrefs>): void {
  const next = { ...current, ...change };
  current = { fontSize: clampFont(next.fontSize), theme: next.theme };
  storeJson(storage, STORAGE_KEY, current);
  for (const listener of listeners) listener();
}

export const changeFontSize = (by: number | 'reset'): void =>
  setTerminalPrefs({
    fontSize: by === 'reset' ? DEFAULT_PREFS.fontSize : current.fontSize + by,
  });

export function useTerminalPrefs(): TerminalPrefs {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
