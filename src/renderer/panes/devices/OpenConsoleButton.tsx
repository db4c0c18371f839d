// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { PortTie } from '../../../shared/contract/index.js';
import { useClient } from '../../client/client-context.js';
import { useShowPane } from '../../navigation.js';
import { describeError } from '../../../shared/errors.js';

/**
 * Opens the serial console of the port tied to this board and shows it in the Consoles pane.
 * Without a tie there is no way to know the board's port, so the button says how to make one.
 */
export function OpenConsoleButton(props: { board: string }) {
  const client = useClient();
  const showPane = useShowPane();
  const [tie, setTie] = useState<PortTie>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    client.call('ports.ties', {}).then(
      (ties) => setTie(ties.find((t) => t.board === props.board)),
      () => undefined,
    );
  }, [client, props.board]);
  const open = () => {
    setError(undefined);
    client.call('console.open', { board: props.board }).then(
      () => showPane('consoles'),
      (e: unknown) => setError(describeError(e)),
    );
  };
  return (
    <>
      <button
        type="button"
        disabled={!tie}
        onClick={open}
        title={
          tie
            ? `Open the console on ${tie.path}`
            : 'No serial port is tied to this board yet: open its port in the Consoles pane and use "Tie to board…"'
        }
      >
        Open console
      </button>
      {error && <span className="error-text">{error}</span>}
    </>
  );
}
