// SPDX-License-Identifier: Apache-2.0
import { useCallback, useMemo, useState } from 'react';
import { bareHostname } from '../../../../shared/inventory/board-name.js';
import type { PaneRow } from '../pane-rows.js';

/**
 * How a group command names a row's board: its record by id (exact, whatever its hostname, and
 * its tied port comes with it), else the board heard by its hostname.
 */
export const groupName = (row: PaneRow): string =>
  row.record ? `#${row.record.id}` : bareHostname(row.live?.hostname ?? row.name);

export interface Selection {
  /** Row keys checked. */
  checked: ReadonlySet<string>;
  toggle: (key: string) => void;
  /** Checks every row shown (the filter's), or unchecks them when all already are. */
  toggleShown: () => void;
  allShown: boolean;
  clear: () => void;
  /** The checked rows still listed, as group commands name them. */
  names: string[];
}

/** The boards picked for a group action; a row that leaves the list leaves the selection. */
export function useSelection(all: readonly PaneRow[], shown: readonly PaneRow[]): Selection {
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (key: string) =>
      setChecked((current) => {
        const next = new Set(current);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );
  const allShown = shown.length > 0 && shown.every((row) => checked.has(row.key));
  const toggleShown = () =>
    setChecked((current) => {
      const next = new Set(current);
      for (const row of shown) {
        if (allShown) next.delete(row.key);
        else next.add(row.key);
      }
      return next;
    });
  const names = useMemo(
    () => all.filter((row) => checked.has(row.key)).map(groupName),
    [all, checked],
  );
  return { checked, toggle, toggleShown, allShown, clear: () => setChecked(new Set()), names };
}
