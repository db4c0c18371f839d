// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import { useRoleGates } from '../../../client/caller-context.js';
import { groupActions, type GroupAction } from './group-actions.js';

/** What can be done to the boards selected: one button per group action, and its dialog. */
export function GroupActionBar(props: {
  names: readonly string[];
  onClear: () => void;
  onStarted: (jobId: string) => void;
}) {
  const [open, setOpen] = useState<GroupAction>();
  const count = props.names.length;
  // Every group action (group.exec, .service, .reboot) is an operator's.
  const role = useRoleGates()('group.exec');
  return (
    <div className="devices-actions group-actions" role="toolbar" aria-label="Group actions">
      <span data-testid="selected-count">
        {count} board{count === 1 ? '' : 's'} selected
      </span>
      {groupActions.map((action) => (
        <button
          key={action.id}
          type="button"
          disabled={count === 0 || role.blocked}
          title={role.title}
          onClick={() => setOpen(action)}
        >
          {action.label}
        </button>
      ))}
      <button type="button" className="link" disabled={count === 0} onClick={props.onClear}>
        Clear selection
      </button>
      {open && (
        <open.Dialog
          names={props.names}
          onClose={() => setOpen(undefined)}
          onStarted={(jobId) => {
            setOpen(undefined);
            props.onStarted(jobId);
          }}
        />
      )}
    </div>
  );
}
