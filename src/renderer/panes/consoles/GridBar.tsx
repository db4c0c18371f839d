// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import type { ConsoleSession } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { ErrorLine } from '../../components/ErrorLine.js';
import { GroupLogDialog } from './GroupLogDialog.js';
import type { Broadcast } from './use-broadcast.js';

/** Over the grid: broadcast typing (off until ticked) and one log per console, all at once. */
export function GridBar(props: { sessions: readonly ConsoleSession[]; broadcast: Broadcast }) {
  const client = useClient();
  const { broadcast, sessions } = props;
  const [logDialog, setLogDialog] = useState(false);
  const [error, setError] = useState<string>();
  const logging = sessions.filter((session) => session.logFile);
  const stopLogs = (): void => {
    setError(undefined);
    void Promise.allSettled(
      logging.map((session) =>
        client.call('console.log', { sessionId: session.id, logFile: null }),
      ),
    ).then((results) => {
      const failed = results.filter((r) => r.status === 'rejected');
      if (failed[0])
        setError(`${failed.length} logs did not stop: ${describeError(failed[0].reason)}`);
    });
  };
  const count = broadcast.receivers.length;
  return (
    <div className="grid-bar" role="toolbar" aria-label="Grid">
      <label className="inline">
        <input
          type="checkbox"
          checked={broadcast.on}
          onChange={(event) => broadcast.setOn(event.target.checked)}
        />
        Broadcast typing
      </label>
      {broadcast.on && (
        <>
          <button type="button" onClick={() => broadcast.setAll(true)}>
            All
          </button>
          <button type="button" onClick={() => broadcast.setAll(false)}>
            None
          </button>
          <strong className="broadcast-banner" role="status" data-testid="broadcast-banner">
            {count === 0
              ? 'BROADCAST: tick the consoles that should receive'
              : `BROADCAST to ${count} of ${sessions.length}: keys typed into a ticked console go to all ${count}`}
          </strong>
        </>
      )}
      <span className="grid-bar-logs">
        <button type="button" onClick={() => setLogDialog(true)} disabled={sessions.length === 0}>
          Log all to folder…
        </button>
        {logging.length > 0 && (
          <button type="button" onClick={stopLogs}>
            Stop all logs ({logging.length})
          </button>
        )}
      </span>
      <ErrorLine text={error} />
      {logDialog && <GroupLogDialog sessions={sessions} onClose={() => setLogDialog(false)} />}
    </div>
  );
}
