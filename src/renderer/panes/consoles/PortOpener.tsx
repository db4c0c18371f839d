// SPDX-License-Identifier: Apache-2.0
import { useId, useState, type FormEvent } from 'react';
import {
  defaultConsoleSettings,
  type ConsoleSession,
  type ConsoleSettings,
  type PortInfo,
  type PortTie,
} from '../../../shared/contract/index.js';
import { useClient } from '../../client/client-context.js';
import { SettingsFields } from './SettingsFields.js';
import { describeError } from '../../../shared/errors.js';

function describePort(port: PortInfo): string {
  const who = [port.manufacturer, port.product, port.serialNumber && `#${port.serialNumber}`]
    .filter(Boolean)
    .join(' ');
  return who ? `${port.path} (${who})` : port.path;
}

/** Pick a listed port or type any path (a pty, a by-id link), then open its console. */
export function PortOpener(props: {
  ports: PortInfo[];
  portsError: string | undefined;
  ties: PortTie[];
  onOpened: (session: ConsoleSession) => void;
}) {
  const client = useClient();
  const id = useId();
  const [path, setPath] = useState('');
  const [changes, setChanges] = useState<Partial<ConsoleSettings>>({});
  const [showSettings, setShowSettings] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const open = (event: FormEvent) => {
    event.preventDefault();
    const target = path.trim();
    if (!target) return;
    setBusy(true);
    setError(undefined);
    // Only what was changed here is sent: the rest comes from what main remembers for the port.
    // A path has a slash; anything else is a board that a port was tied to.
    const where = target.includes('/') ? { path: target } : { board: target };
    const input = Object.keys(changes).length > 0 ? { ...where, settings: changes } : where;
    client.call('console.open', input).then(
      (session) => {
        setBusy(false);
        props.onOpened(session);
      },
      (e: unknown) => {
        setBusy(false);
        setError(describeError(e));
      },
    );
  };

  return (
    <form className="port-opener" onSubmit={open} aria-label="Open a console">
      <label htmlFor={`${id}-path`}>Port</label>
      <input
        id={`${id}-path`}
        list={`${id}-ports`}
        value={path}
        placeholder={props.ports[0]?.path ?? '/dev/ttyUSB0, a pty path, or a board'}
        onChange={(event) => setPath(event.target.value)}
        spellCheck={false}
      />
      <datalist id={`${id}-ports`}>
        {props.ports.map((port) => (
          <option key={port.path} value={port.path}>
            {describePort(port)}
          </option>
        ))}
        {props.ties.map((tie) => (
          <option key={`board-${tie.board}`} value={tie.board}>
            {`board ${tie.board} (${tie.path}${tie.present ? '' : ', not plugged in'})`}
          </option>
        ))}
      </datalist>
      <button
        type="button"
        onClick={() => setShowSettings(!showSettings)}
        aria-expanded={showSettings}
      >
        Settings
      </button>
      <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
        {busy ? 'Opening…' : 'Open'}
      </button>
      <span className="muted">
        {props.portsError
          ? `Could not list ports: ${props.portsError}`
          : `${props.ports.length} port${props.ports.length === 1 ? '' : 's'} found`}
      </span>
      {showSettings && (
        <SettingsFields
          value={{ ...defaultConsoleSettings(), ...changes }}
          onChange={(change) => setChanges({ ...changes, ...change })}
        />
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
