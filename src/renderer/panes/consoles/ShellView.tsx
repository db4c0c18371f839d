// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import type { ShellExit, ShellSession } from '../../../shared/contract/index.js';
import { TerminalPanel } from '../../components/terminal/TerminalPanel.js';
import { useShellSource } from './use-shell-source.js';

/** A terminal into a board's host OS or one of its containers, in the same frame as a console. */
export function ShellView(props: {
  session: ShellSession;
  title: string;
  onExit: (exit: ShellExit) => void;
  onClose: () => void;
}) {
  const { session } = props;
  const [error, setError] = useState<string>();
  const source = useShellSource(session.id, props.onExit, setError);
  const where =
    session.target.kind === 'host'
      ? `ssh ${session.address}:22222`
      : `container ${session.containerId?.slice(0, 12) ?? ''}`;
  const header = (
    <>
      <strong className="mono console-name" title={props.title}>
        {props.title}
      </strong>
      <span
        className={`badge badge-${session.state === 'open' ? 'ok' : 'bad'}`}
        data-testid="shell-state"
      >
        {session.state}
      </span>
      <span className="muted console-details">
        {where} · {session.command.join(' ')}
      </span>
    </>
  );
  return (
    <TerminalPanel
      label={`Terminal ${props.title}`}
      source={source}
      header={header}
      menuItems={[]}
      onClose={props.onClose}
      onError={setError}
      sessionId={session.id}
    >
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </TerminalPanel>
  );
}
