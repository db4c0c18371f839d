// SPDX-License-Identifier: Apache-2.0
// The actions the Devices pane offers on the boards selected. Each is one entry: its button's
// label and the dialog that asks what it needs and starts the group job. Every group action is
// a job with a `group.board` event per board, so one results view serves them all.
import type { ComponentType } from 'react';
import { RebootDialog } from './RebootDialog.js';
import { RunCommandDialog } from './RunCommandDialog.js';
import { serviceDialog } from './ServiceDialog.js';

export interface GroupActionProps {
  /** The boards selected, as group commands name them. */
  names: readonly string[];
  /** The job started. */
  onStarted: (jobId: string) => void;
  onClose: () => void;
}

export interface GroupAction {
  id: string;
  label: string;
  Dialog: ComponentType<GroupActionProps>;
}

export const groupActions: readonly GroupAction[] = [
  { id: 'exec', label: 'Run command…', Dialog: RunCommandDialog },
  { id: 'restart', label: 'Restart service…', Dialog: serviceDialog('restart') },
  { id: 'stop', label: 'Stop service…', Dialog: serviceDialog('stop') },
  { id: 'reboot', label: 'Reboot…', Dialog: RebootDialog },
];
