// SPDX-License-Identifier: Apache-2.0
import type { ComponentType } from 'react';
import type { PaneId } from '../navigation.js';
import { ConsolesPane } from './consoles/ConsolesPane.js';
import { DevicesPane } from './devices/DevicesPane.js';
import { FlashPane } from './flash/FlashPane.js';
import { PushPane } from './push/PushPane.js';

export interface PaneEntry {
  id: PaneId;
  label: string;
  component: ComponentType;
}

/** The four jobs at a bench, in the order people do them; Alt+1…4 selects them. */
export const panes: PaneEntry[] = [
  { id: 'flash', label: 'Flash', component: FlashPane },
  { id: 'devices', label: 'Devices', component: DevicesPane },
  { id: 'consoles', label: 'Consoles', component: ConsolesPane },
  { id: 'push', label: 'Push', component: PushPane },
];
