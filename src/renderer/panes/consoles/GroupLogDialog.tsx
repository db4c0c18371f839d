// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import type { ConsoleSession } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { Dialog } from '../../components/Dialog.js';
import { groupLogFiles } from './grid-plan.js';
import { PlainAndError, useLogsFolder, WINDOW_OWNER } from './LogDialog.js';

/** "Log all to folder…": every console of the grid logs to one folder, a file per board. */
export function GroupLogDialog(props: {
  sessions: readonly ConsoleSession[];
  onClose: () => void;
}) {
  const client = useClient();
  const logsFolder = useLogsFolder();
  const [folder, setFolder] = useState(`grid-${new Date().toISOString().slice(0, 10)}`);
  const [plain, setPlain] = useState(true);
  const [error, setError] = useState<string>();
  const files = groupLogFiles(folder, props.sessions);
  const start = (): void => {
    setError(undefined);
    const { sessions } = props;
    void Promise.allSettled(
      sessions.map((session) =>
        client.call('console.log', {
          sessionId: session.id,
          logFile: files.get(session.id) ?? '',
          plain,
          owner: WINDOW_OWNER,
        }),
      ),
    ).then((results) => {
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [`${sessions[i]?.path}: ${describeError(r.reason)}`] : [],
      );
      if (failed.length === 0) props.onClose();
      else
        setError(`${failed.length} of ${sessions.length} logs did not start. ${failed.join('; ')}`);
    });
  };
  const names = [...files.values()].map((file) => file.split('/').pop());
  return (
    <Dialog
      title="Log all consoles to a folder"
      submitLabel={`Log ${props.sessions.length} consoles`}
      submitDisabled={!folder.trim() || props.sessions.length === 0}
      onSubmit={start}
      onClose={props.onClose}
    >
      <label>
        Folder
        <input
          aria-label="Log folder"
          className="mono"
          value={folder}
          autoFocus
          onChange={(event) => setFolder(event.target.value)}
        />
      </label>
      <p className="muted">
        A name is a folder in {logsFolder ? <code>{logsFolder}</code> : "Benchtop's logs folder"} on
        the machine running Benchtop (or give an absolute path). One file per board, named by its
        hostname, else by its port: <span className="mono">{names.join(', ')}</span>. Each is
        appended, a timestamp per line, until you stop the logs or this window leaves the consoles.
      </p>
      <PlainAndError plain={plain} onPlain={setPlain} error={error} />
    </Dialog>
  );
}
