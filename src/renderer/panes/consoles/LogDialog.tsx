// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorLine } from '../../components/ErrorLine.js';

/** What this window calls itself as a log's owner. */
export const WINDOW_OWNER = 'a Benchtop window';

/** Where a log named without a folder goes, once the engine says. */
export function useLogsFolder(): string | undefined {
  const client = useClient();
  const [folder, setFolder] = useState<string>();
  useEffect(() => {
    client.call('console.logsFolder', {}).then(
      ({ folder }) => setFolder(folder),
      () => undefined,
    );
  }, [client]);
  return folder;
}

/** The foot of a log dialog: plain text or not, and why the log did not start. */
export function PlainAndError(props: {
  plain: boolean;
  onPlain: (plain: boolean) => void;
  error: string | undefined;
}) {
  return (
    <>
      <label className="inline">
        <input
          type="checkbox"
          checked={props.plain}
          onChange={(e) => props.onPlain(e.target.checked)}
        />
        Plain text (leave out colours and other escape sequences)
      </label>
      <ErrorLine text={props.error} />
    </>
  );
}

/** "Log…": a file name under Benchtop's logs folder on the machine running the engine. */
export function LogDialog(props: { sessionId: string; path: string; onClose: () => void }) {
  const client = useClient();
  const folder = useLogsFolder();
  const stamp = new Date().toISOString().slice(0, 10);
  const [name, setName] = useState(`${props.path.split('/').pop() ?? 'console'}-${stamp}.log`);
  const [plain, setPlain] = useState(true);
  const [error, setError] = useState<string>();
  const start = (): void => {
    setError(undefined);
    client
      .call('console.log', {
        sessionId: props.sessionId,
        logFile: name.trim(),
        plain,
        owner: WINDOW_OWNER,
      })
      .then(
        () => props.onClose(),
        (e: unknown) => setError(describeError(e)),
      );
  };
  return (
    <Dialog
      title={`Log ${props.path}`}
      submitLabel="Start logging"
      submitDisabled={!name.trim()}
      onSubmit={start}
      onClose={props.onClose}
    >
      <label>
        File name
        <input
          aria-label="Log file name"
          className="mono"
          value={name}
          autoFocus
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <p className="muted">
        In {folder ? <code>{folder}</code> : "Benchtop's logs folder"} on the machine running
        Benchtop; appended, one timestamp per line. The log ends when you stop it, or when this
        window leaves the console.
      </p>
      <PlainAndError plain={plain} onPlain={setPlain} error={error} />
    </Dialog>
  );
}
