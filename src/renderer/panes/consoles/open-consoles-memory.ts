// SPDX-License-Identifier: Apache-2.0
// What the Consoles pane had open, kept for this tab so a reload shows the same consoles.
// The engine keeps a console open a few seconds after its page goes, so a reload rejoins it
// with its history.
import { browserStorage, storedRecord, storeJson } from '../../stores/browser-storage.js';

export type Layout = 'tabs' | 'side' | 'grid';

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
  const record = storedRecord(stored);
  if (!record) return NOTHING_OPEN;
  const paths = Array.isArray(record['paths'])
    ? record['paths'].filter((p): p is string => typeof p === 'string' && p.length > 0)
    : [];
  const active = record['active'];
  return {
    paths: [...new Set(paths)],
    layout: record['layout'] === 'side' || record['layout'] === 'grid' ? record['layout'] : 'tabs',
    active: typeof active === 'string' && paths.includes(active) ? active : undefined,
  };
}

export const loadOpenConsoles = (): OpenConsoles =>
  parseOpenConsoles(browserStorage('sessionStorage')?.getItem(KEY) ?? null);

/** Kept for this tab; where storage is refused, a reload starts with no consoles, as before. */
export const saveOpenConsoles = (open: OpenConsoles): void =>
  storeJson(browserStorage('sessionStorage'), KEY, open);
