// SPDX-License-Identifier: Apache-2.0
import { useState, type RefObject } from 'react';
import { describeSettings } from '../../../shared/console-settings-text.js';
import type {
  CommandName,
  ConsoleSession,
  ConsoleSettings,
} from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useRoleGates } from '../../client/caller-context.js';
import { useClient } from '../../client/client-context.js';
import { TerminalPanel } from '../../components/terminal/TerminalPanel.js';
import { BroadcastPick, BroadcastStrip, type Tile } from './BroadcastMark.js';
import { LogDialog } from './LogDialog.js';
import { SettingsFields } from './SettingsFields.js';
import { TieDialog } from './TieDialog.js';
import type { FanOut } from './use-broadcast.js';
import { useSerialSource } from './use-serial-source.js';

function StateBadge(props: { session: ConsoleSession }) {
  const { state, reason } = props.session;
  const kind = state === 'connected' ? 'ok' : state === 'waiting' ? 'warn' : 'bad';
  return (
    <span className={`badge badge-${kind}`} title={reason} data-testid="console-state">
      {state === 'waiting' ? 'waiting for the port' : state}
    </span>
  );
}

/** The text size of a grid's tiles at most: twelve fit a laptop's screen. */
const TILE_FONT_SIZE = 10;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One serial console: a one-line header (name, state, menu) over the shared terminal. */
export function ConsoleView(props: {
  session: ConsoleSession;
  onClose: () => void;
  /** Shown as a tile of the grid. */
  tile?: Tile;
  /** Where typing goes (a broadcast); the same in every layout, so the terminal stays. */
  fanOut?: RefObject<FanOut>;
}) {
  const client = useClient();
  const gateFor = useRoleGates();
  const { session } = props;
  const sessionId = session.id;
  const [timestamps, setTimestamps] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [dialog, setDialog] = useState<'tie' | 'log'>();
  const [lines, setLines] = useState({ dtr: true, rts: true });
  const [error, setError] = useState<string>();
  const source = useSerialSource(sessionId, timestamps, setError, props.fanOut);

  const act = (work: Promise<unknown>): void => {
    setError(undefined);
    work.catch((e: unknown) => setError(describeError(e)));
  };
  const toggleLine = (line: 'dtr' | 'rts'): void => {
    const next = { ...lines, [line]: !lines[line] };
    act(
      client.call('console.signals', { sessionId, [line]: next[line] }).then(() => setLines(next)),
    );
  };
  const changeSettings = (change: Partial<ConsoleSettings>): void =>
    act(client.call('console.settings', { sessionId, settings: change }));
  const name = session.board ?? session.path.split('/').pop() ?? session.path;
  const details = [
    session.path,
    describeSettings(session.settings),
    plural(session.viewers, 'viewer'),
    ...(session.gaps.length > 0 ? [plural(session.gaps.length, 'gap')] : []),
  ].join(' · ');
  const logTitle = session.logFile
    ? `Logging to ${session.logFile}${session.logPlain ? ' (plain text)' : ''}${session.logOwner ? `, for ${session.logOwner}: it ends when that leaves the console` : ''}`
    : undefined;

  const header = (
    <>
      <strong className="mono console-name" title={details}>
        {name}
      </strong>
      {session.board && (
        <span className="visually-hidden" data-testid="console-board">
          board {session.board}
        </span>
      )}
      <StateBadge session={session} />
      {props.tile && <BroadcastPick name={name} tile={props.tile} />}
      {session.logFile && (
        <span className="badge" title={logTitle} data-testid="console-log">
          log
        </span>
      )}
      <span className="muted console-details">{details}</span>
    </>
  );
  // What the role does not allow is greyed, with the role it needs as its tooltip.
  const gate = (command: CommandName) => {
    const { blocked, title } = gateFor(command);
    return { disabled: blocked, title };
  };
  const menuItems = [
    { label: 'Timestamps', checked: timestamps, onSelect: () => setTimestamps(!timestamps) },
    {
      label: 'Send break',
      ...gate('console.break'),
      onSelect: () => act(client.call('console.break', { sessionId })),
    },
    {
      label: 'DTR',
      checked: lines.dtr,
      ...gate('console.signals'),
      onSelect: () => toggleLine('dtr'),
    },
    {
      label: 'RTS',
      checked: lines.rts,
      ...gate('console.signals'),
      onSelect: () => toggleLine('rts'),
    },
    session.logFile
      ? {
          label: 'Stop log',
          ...gate('console.log'),
          onSelect: () => act(client.call('console.log', { sessionId, logFile: null })),
        }
      : { label: 'Log…', ...gate('console.log'), onSelect: () => setDialog('log') },
    {
      label: session.board ? `Board ${session.board}…` : 'Tie to board…',
      ...gate('ports.tie'),
      onSelect: () => setDialog('tie'),
    },
    {
      label: 'Port settings',
      checked: showSettings,
      ...gate('console.settings'),
      onSelect: () => setShowSettings(!showSettings),
    },
  ];

  return (
    <TerminalPanel
      label={`Console ${session.path}`}
      source={source}
      header={header}
      menuItems={menuItems}
      onClose={props.onClose}
      onError={setError}
      sessionId={sessionId}
      maxFontSize={props.tile ? TILE_FONT_SIZE : undefined}
    >
      {props.tile && <BroadcastStrip tile={props.tile} />}
      {session.state === 'waiting' && session.reason && (
        <p className="muted console-reason">{session.reason}</p>
      )}
      {showSettings && <SettingsFields value={session.settings} onChange={changeSettings} />}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {dialog === 'tie' && (
        <TieDialog path={session.path} board={session.board} onClose={() => setDialog(undefined)} />
      )}
      {dialog === 'log' && (
        <LogDialog sessionId={sessionId} path={session.path} onClose={() => setDialog(undefined)} />
      )}
    </TerminalPanel>
  );
}
