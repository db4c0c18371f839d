// SPDX-License-Identifier: Apache-2.0
import { useRef, useState } from 'react';
import { describeSettings } from '../../../shared/console-settings-text.js';
import type { ConsoleSession, ConsoleSettings } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { SettingsFields } from './SettingsFields.js';
import { useTerminal, type TerminalTheme } from './use-terminal.js';

function StateBadge(props: { session: ConsoleSession }) {
  const { state, reason } = props.session;
  const kind = state === 'connected' ? 'ok' : state === 'waiting' ? 'warn' : 'bad';
  return (
    <span className={`badge badge-${kind}`} title={reason} data-testid="console-state">
      {state === 'waiting' ? 'waiting for the port' : state}
    </span>
  );
}

/** One console: its terminal, and the tio-like controls around it. */
export function ConsoleView(props: { session: ConsoleSession; onClose: () => void }) {
  const client = useClient();
  const { session } = props;
  const sessionId = session.id;
  const host = useRef<HTMLDivElement>(null);
  const [fontSize, setFontSize] = useState(14);
  const [theme, setTheme] = useState<TerminalTheme>('dark');
  const [query, setQuery] = useState('');
  /** What the last search selected; null when it found nothing. */
  const [found, setFound] = useState<string | null>();
  const [timestamps, setTimestamps] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [lines, setLines] = useState({ dtr: true, rts: true });
  const [error, setError] = useState<string>();
  const { terminal, search } = useTerminal(
    host,
    sessionId,
    { fontSize, theme, timestamps },
    setError,
  );

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
  const toggleTimestamps = (): void => setTimestamps(!timestamps);
  const changeSettings = (change: Partial<ConsoleSettings>): void =>
    act(client.call('console.settings', { sessionId, settings: change }));
  const toggleLog = (): void => {
    if (session.logFile) return act(client.call('console.log', { sessionId, logFile: null }));
    const file = window.prompt(
      'Log this console to a file on the Benchtop machine (one timestamp per line):',
      `benchtop-${session.path.split('/').pop() ?? 'console'}.log`,
    );
    if (file) act(client.call('console.log', { sessionId, logFile: file }));
  };
  const tie = (): void => {
    const board = window.prompt(
      `Tie ${session.path} to a board (its hostname is best); empty to untie:`,
      session.board ?? '',
    );
    if (board === null) return;
    act(client.call('ports.tie', { path: session.path, board: board.trim() || null }));
  };
  const find = (backwards: boolean): void => {
    if (!query) return;
    const found = backwards ? search.current?.findPrevious(query) : search.current?.findNext(query);
    setFound(found ? (terminal.current?.getSelection() ?? query) : null);
  };
  const copy = (): void => {
    const text = terminal.current?.getSelection() ?? '';
    if (text) act(navigator.clipboard.writeText(text));
  };

  return (
    <section
      className="console-view"
      aria-label={`Console ${session.path}`}
      data-session={sessionId}
    >
      <header className="console-header">
        <strong className="mono">{session.path}</strong>
        {session.board && (
          <span className="badge" data-testid="console-board">
            board {session.board}
          </span>
        )}
        <span className="muted">{describeSettings(session.settings)}</span>
        <StateBadge session={session} />
        {session.state === 'waiting' && session.reason && (
          <span className="muted console-reason">{session.reason}</span>
        )}
        <span className="muted">
          {session.viewers} viewer{session.viewers === 1 ? '' : 's'}
          {session.gaps.length > 0
            ? `, ${session.gaps.length} gap${session.gaps.length === 1 ? '' : 's'}`
            : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={props.onClose} aria-label={`Close ${session.path}`}>
          Close
        </button>
      </header>
      <div className="console-toolbar" role="toolbar" aria-label="Console controls">
        <button type="button" onClick={() => act(client.call('console.break', { sessionId }))}>
          Break
        </button>
        <button type="button" aria-pressed={lines.dtr} onClick={() => toggleLine('dtr')}>
          DTR
        </button>
        <button type="button" aria-pressed={lines.rts} onClick={() => toggleLine('rts')}>
          RTS
        </button>
        <button type="button" aria-pressed={timestamps} onClick={toggleTimestamps}>
          Timestamps
        </button>
        <button
          type="button"
          aria-pressed={session.logFile !== undefined}
          onClick={toggleLog}
          title={session.logFile}
        >
          {session.logFile ? 'Stop log' : 'Log…'}
        </button>
        <button type="button" onClick={() => terminal.current?.clear()}>
          Clear
        </button>
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={tie}>
          {session.board ? 'Board…' : 'Tie to board…'}
        </button>
        <button
          type="button"
          aria-expanded={showSettings}
          onClick={() => setShowSettings(!showSettings)}
        >
          Settings
        </button>
        <span className="spacer" />
        <input
          type="search"
          aria-label="Search the output"
          placeholder="Search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setFound(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') find(event.shiftKey);
          }}
        />
        {found === null && (
          <span className="muted" role="status">
            not found
          </span>
        )}
        {typeof found === 'string' && (
          <span className="muted" role="status" data-testid="search-found">
            found
          </span>
        )}
        <button type="button" aria-label="Find previous" onClick={() => find(true)}>
          ↑
        </button>
        <button type="button" aria-label="Find next" onClick={() => find(false)}>
          ↓
        </button>
        <button
          type="button"
          aria-label="Smaller text"
          onClick={() => setFontSize(Math.max(8, fontSize - 1))}
        >
          A−
        </button>
        <button
          type="button"
          aria-label="Larger text"
          onClick={() => setFontSize(Math.min(32, fontSize + 1))}
        >
          A+
        </button>
        <select
          aria-label="Theme"
          value={theme}
          onChange={(event) => setTheme(event.target.value as TerminalTheme)}
        >
          <option value="dark">dark</option>
          <option value="light">light</option>
        </select>
      </div>
      {showSettings && <SettingsFields value={session.settings} onChange={changeSettings} />}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="console-terminal" ref={host} data-testid="console-terminal" />
    </section>
  );
}
