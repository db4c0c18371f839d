// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { Dialog } from '../../components/Dialog.js';

/** The boards a port can be tied to: those the Devices pane knows, and those already tied. */
function useKnownBoards(): string[] {
  const client = useClient();
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    void Promise.allSettled([client.call('devices.list', {}), client.call('ports.ties', {})]).then(
      ([boards, ties]) => {
        const all = new Set<string>();
        if (boards.status === 'fulfilled') for (const board of boards.value) all.add(board.name);
        if (ties.status === 'fulfilled') for (const tie of ties.value) all.add(tie.board);
        setNames([...all].sort((a, b) => a.localeCompare(b)));
      },
    );
  }, [client]);
  return names;
}

/** "Tie to board…": the known boards, filtered as one types; a name no one knows yet works too. */
export function TieDialog(props: { path: string; board: string | undefined; onClose: () => void }) {
  const client = useClient();
  const boards = useKnownBoards();
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState(props.board ?? '');
  const [error, setError] = useState<string>();
  const typed = filter.trim();
  const shown = boards.filter((name) => name.toLowerCase().includes(typed.toLowerCase()));
  const target = chosen || (shown.length === 0 ? typed : '');
  const tie = (board: string | null): void => {
    setError(undefined);
    client.call('ports.tie', { path: props.path, board }).then(
      () => props.onClose(),
      (e: unknown) => setError(describeError(e)),
    );
  };
  return (
    <Dialog
      title={`Tie ${props.path} to a board`}
      submitLabel={target ? `Tie to ${target}` : 'Tie'}
      submitDisabled={!target}
      onSubmit={() => tie(target)}
      onClose={props.onClose}
    >
      <p className="muted">
        Its console then opens by the board&apos;s name, here and with{' '}
        <code>benchtop console NAME</code>; a USB adapter is known by its serial number.
      </p>
      <input
        type="search"
        aria-label="Filter boards"
        placeholder="Filter, or type a board name"
        value={filter}
        autoFocus
        onChange={(event) => {
          setFilter(event.target.value);
          setChosen('');
        }}
      />
      <ul className="choice-list" role="listbox" aria-label="Known boards">
        {shown.map((name) => (
          <li
            key={name}
            role="option"
            aria-selected={name === chosen}
            tabIndex={0}
            onClick={() => setChosen(name)}
            onDoubleClick={() => tie(name)}
            onKeyDown={(event) => {
              if (event.key === ' ') setChosen(name);
            }}
          >
            {name}
          </li>
        ))}
        {shown.length === 0 && (
          <li className="muted" role="presentation">
            {typed
              ? `No known board matches; "${typed}" will be used as it is.`
              : 'No boards known yet.'}
          </li>
        )}
      </ul>
      {props.board && (
        <button type="button" onClick={() => tie(null)}>
          Untie from {props.board}
        </button>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
