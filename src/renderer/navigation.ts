// SPDX-License-Identifier: Apache-2.0
// The pane ids live here, not in panes/index.ts: panes import this file, so it imports none.
import { createContext, useContext } from 'react';

export type PaneId = 'flash' | 'devices' | 'consoles' | 'push';

/** Lets one pane hand the user over to another (Devices → Consoles for a board's console). */
export const NavigationContext = createContext<(pane: PaneId) => void>(() => undefined);

export const useShowPane = (): ((pane: PaneId) => void) => useContext(NavigationContext);
