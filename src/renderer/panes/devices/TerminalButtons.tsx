// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { ShellTargetInfo } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { useShowPane } from '../../navigation.js';
import { requestShell } from '../../stores/shell-request.js';

const targetOf = (info: ShellTargetInfo) =>
  info.kind === 'host'
    ? ({ kind: 'host' } as const)
    : {
        kind: 'service' as const,
        service: info.service,
        ...(info.project !== undefined ? { project: info.project } : {}),
      };

/**
 * "Terminal: Host OS / frontend / proxy …": a terminal into the board's host OS or a running
 * service, opened as a tab of the Consoles pane beside its serial consoles.
 */
export function TerminalButtons(props: { board: string; boardName: string; refresh: string }) {
  const client = useClient();
  const showPane = useShowPane();
  const [targets, setTargets] = useState<ShellTargetInfo[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    client.call('shell.targets', { board: props.board }).then(
      (list) => {
        setTargets(list);
        setError(undefined);
      },
      (e: unknown) => setError(describeError(e)),
    );
  }, [client, props.board, props.refresh]);
  const open = (info: ShellTargetInfo): void => {
    requestShell({
      board: props.board,
      boardName: props.boardName,
      target: targetOf(info),
      label: info.label,
    });
    showPane('consoles');
  };
  return (
    <div className="devices-terminals" role="group" aria-label="Terminal">
      <span className="muted">Terminal:</span>
      {(targets ?? [{ kind: 'host', label: 'Host OS' } as const]).map((info) => (
        <button
          key={info.kind === 'host' ? 'host' : `${info.project ?? ''}/${info.service}`}
          type="button"
          disabled={info.kind === 'service' && info.state !== 'running'}
          title={
            info.kind === 'host'
              ? 'A shell on the board’s host OS (ssh to port 22222)'
              : `A shell in ${info.service}${info.project ? ` (${info.project})` : ''}: ${info.state}`
          }
          onClick={() => open(info)}
        >
          {info.label}
        </button>
      ))}
      {error && <span className="muted">{error}</span>}
    </div>
  );
}
