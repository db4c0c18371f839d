// SPDX-License-Identifier: Apache-2.0
import { createContext, useContext } from 'react';
import type { PaneEntry } from './panes/index.js';

/** Lets one pane hand the user over to another (Devices → Consoles for a board's console). */
export const NavigationContext = createContext<(pane: PaneEntry['id']) => void>(() => undefined);

export const useShowPane = (): ((pane: PaneEntry['id']) => void) => useContext(NavigationContext);
