// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { ConsoleSession, PortInfo, PortTie } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { ErrorLine } from '../../components/ErrorLine.js';
import { Dialog } from '../../components/Dialog.js';
import { tiedPorts } from './grid-plan.js';

/**
 * "Grid…": many consoles at once, the tied ports of the boards an inventory filter matches
 * and ports ticked or typed by hand.
 */
export function GridDialog(props: {
  ports: readonly PortInfo[];
  onOpened: (sessions: ConsoleSession[]) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const [filter, setFilter] = useState('');
  /** What the filter matched, kept with the filter it was for (an empty one matches nothing). */
  const [matched, setMatched] = useState<{ filter: string; boards: number; ports: PortTie[] }>();
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let current = true;
    if (!filter.trim()) return;
    Promise.all([client.call('inventory.boards', { filter }), client.call('ports.ties', {})]).then(
      ([boards, ties]) => {
        if (!current) return;
        setError(undefined);
        setMatched({ filter, boards: boards.length, ports: tiedPorts(boards, ties) });
      },
      (e: unknown) => current && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [client, filter]);
  const found =
    filter.trim() && matched?.filter === filter ? matched : { boards: 0, ports: [] as PortTie[] };
  const paths = [
    ...new Set([
      ...found.ports.map((tie) => tie.path),
      ...ticked,
      ...typed.split(/\s+/).filter(Boolean),
    ]),
  ];
  const tick = (path: string, on: boolean): void => {
    const next = new Set(ticked);
    if (on) next.add(path);
    else next.delete(path);
    setTicked(next);
  };
  const open = (): void => {
    setBusy(true);
    setError(undefined);
    void Promise.allSettled(
      paths.map((path) =>
        // As in the port field: a path has a slash, anything else is a board a port is tied to.
        client.call('console.open', path.includes('/') ? { path } : { board: path }),
      ),
    ).then((results) => {
      setBusy(false);
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [`${paths[i]}: ${describeError(r.reason)}`] : [],
      );
      props.onOpened(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
      if (failed.length === 0) props.onClose();
      else setError(`${failed.length} of ${paths.length} did not open. ${failed.join('; ')}`);
    });
  };
  return (
    <Dialog
      title="Open a console grid"
      submitLabel={`Open ${paths.length} console${paths.length === 1 ? '' : 's'}`}
      submitDisabled={paths.length === 0 || busy}
      onSubmit={open}
      onClose={props.onClose}
    >
      <label>
        Boards matching
        <input
          aria-label="Boards filter"
          className="mono"
          placeholder="crate=2 label=daq"
          value={filter}
          autoFocus
          onChange={(event) => setFilter(event.target.value)}
        />
      </label>
      <p className="muted" data-testid="grid-matched">
        {filter.trim()
          ? `${found.boards} board${found.boards === 1 ? '' : 's'} match, ${found.ports.length} with a tied port.`
          : 'The ports tied to these boards open (tie a port in a console’s menu).'}
      </p>
      {props.ports.length > 0 && (
        <fieldset className="grid-ports">
          <legend>Ports by hand</legend>
          {props.ports.map((port) => (
            <label key={port.path} className="inline mono">
              <input
                type="checkbox"
                checked={ticked.has(port.path)}
                onChange={(event) => tick(port.path, event.target.checked)}
              />
              {port.path}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        Other ports (paths or tied boards, separated by spaces)
        <input
          aria-label="Other ports"
          className="mono"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </label>
      <ErrorLine text={error} />
    </Dialog>
  );
}
