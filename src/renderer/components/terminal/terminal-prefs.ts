// SPDX-License-Identifier: Apache-2.0
// How every terminal of the window looks (text size, theme): set once per pane, not per
// terminal, and kept across reloads.
import { useSyncExternalStore } from 'react';

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
  if (!stored) return DEFAULT_PREFS;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null) return DEFAULT_PREFS;
    const record = value as Record<string, unknown>;
    const size = record['fontSize'];
    const theme = record['theme'];
    return {
      fontSize: typeof size === 'number' ? clampFont(size) : DEFAULT_PREFS.fontSize,
      theme: theme === 'light' ? 'light' : 'dark',
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

/** The window's localStorage; reached through globalThis so the pure parts load in Node tests. */
interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const storage = (globalThis as { localStorage?: KeyValueStore }).localStorage;

let current: TerminalPrefs = parsePrefs(storage?.getItem(STORAGE_KEY) ?? null);
const listeners = new Set<() => void>();

export function setTerminalPrefs(change: Partial<TerminalPrefs>): void {
  const next = { ...current, ...change };
  current = { fontSize: clampFont(next.fontSize), theme: next.theme };
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // Storage full or refused: the change holds for this page.
  }
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
