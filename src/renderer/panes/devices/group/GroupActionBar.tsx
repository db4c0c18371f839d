// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import { groupActions, type GroupAction } from './group-actions.js';

/** What can be done to the boards selected: one button per group action, and its dialog. */
export function GroupActionBar(props: {
  names: readonly string[];
  onClear: () => void;
  onStarted: (jobId: string) => void;
}) {
  const [open, setOpen] = useState<GroupAction>();
  const count = props.names.length;
  return (
    <div className="devices-actions group-actions" role="toolbar" aria-label="Group actions">
      <span data-testid="selected-count">
        {count} board{count === 1 ? '' : 's'} selected
      </span>
      {groupActions.map((action) => (
        <button
          key={action.id}
          type="button"
          disabled={count === 0}
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
