// SPDX-License-Identifier: Apache-2.0
// What the Consoles pane had open, kept for this tab so a reload shows the same consoles.
// The engine keeps a console open a few seconds after its page goes, so a reload rejoins it
// with its history.

export type Layout = 'tabs' | 'side';

export interface OpenConsoles {
  /** Ports (paths) shown in this window, in order. */
  readonly paths: readonly string[];
  readonly layout: Layout;
  /** The path of the console in front (tabs layout). */
  readonly active: string | undefined;
}

const KEY = 'benchtop.consoles';
export const NOTHING_OPEN: OpenConsoles = { paths: [], layout: 'tabs', active: undefined };

export function parseOpenConsoles(stored: string | null): OpenConsoles {
  if (!stored) return NOTHING_OPEN;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null) return NOTHING_OPEN;
    const record = value as Record<string, unknown>;
    const paths = Array.isArray(record['paths'])
      ? record['paths'].filter((p): p is string => typeof p === 'string' && p.length > 0)
      : [];
    const active = record['active'];
    return {
      paths: [...new Set(paths)],
      layout: record['layout'] === 'side' ? 'side' : 'tabs',
      active: typeof active === 'string' && paths.includes(active) ? active : undefined,
    };
  } catch {
    return NOTHING_OPEN;
  }
}

/** The tab's sessionStorage; reached through globalThis so the parser loads in Node tests. */
interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const storage = (): KeyValueStore | undefined =>
  (globalThis as { sessionStorage?: KeyValueStore }).sessionStorage;

export const loadOpenConsoles = (): OpenConsoles =>
  parseOpenConsoles(storage()?.getItem(KEY) ?? null);

export function saveOpenConsoles(open: OpenConsoles): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(open));
  } catch {
    // Storage refused: a reload then starts with no consoles, as before.
  }
}
