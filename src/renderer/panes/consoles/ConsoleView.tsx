// SPDX-License-Identifier: Apache-2.0
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { ConsoleSession, ConsoleSettings } from '../../../shared/contract/index.js';
import { useClient } from '../../client/client-context.js';
import { fromBase64, toBase64, ViewStamper } from './line-stamps.js';
import { describeSettings, SettingsFields } from './SettingsFields.js';

/** Past this much output not yet drawn, the view skips (and says so) instead of freezing. */
const MAX_UNDRAWN_BYTES = 4 * 1024 * 1024;

const themes: Record<'dark' | 'light', ITheme> = {
  dark: { background: '#101317', foreground: '#d8dee9', cursor: '#d8dee9' },
  light: {
    background: '#fbfbfd',
    foreground: '#1c2330',
    cursor: '#1c2330',
    selectionBackground: '#b4cdf5',
  },
};

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

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
  const terminal = useRef<Terminal | null>(null);
  const fit = useRef<FitAddon | null>(null);
  const search = useRef<SearchAddon | null>(null);
  const stamper = useRef<ViewStamper | null>(null);
  const [fontSize, setFontSize] = useState(14);
  const [theme, setTheme] = useState<'dark' | 'light'>('dark');
  const [query, setQuery] = useState('');
  /** What the last search selected; null when it found nothing. */
  const [found, setFound] = useState<string | null>();
  const [timestamps, setTimestamps] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [lines, setLines] = useState({ dtr: true, rts: true });
  const [error, setError] = useState<string>();

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const term = new Terminal({
      scrollback: 10_000,
      fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
      allowProposedApi: true,
    });
    const fitAddon = new FitAddon();
    const searchAddon = new SearchAddon();
    term.loadAddon(fitAddon);
    term.loadAddon(searchAddon);
    term.open(element);
    terminal.current = term;
    fit.current = fitAddon;
    search.current = searchAddon;

    let undrawn = 0;
    let skipped = 0;
    const show = (bytes: Uint8Array): void => {
      if (undrawn > MAX_UNDRAWN_BYTES) {
        skipped += bytes.length;
        return;
      }
      if (skipped > 0) {
        term.write(
          `\r\n\x1b[7m[benchtop] the view skipped ${skipped} bytes of a flood to stay responsive; a log file keeps everything\x1b[0m\r\n`,
        );
        skipped = 0;
      }
      const data = stamper.current ? stamper.current.stamp(bytes) : bytes;
      undrawn += data.length;
      term.write(data, () => {
        undrawn -= data.length;
      });
    };
    // Events that arrive before the history are held, then the ones it already covers dropped.
    let historySeq: number | undefined;
    const early: { seq: number; data: string }[] = [];
    let lastSeq = 0;
    const showEvent = (event: { seq: number; data: string }): void => {
      // The server drops events for a client that cannot keep up rather than grow its memory:
      // say so where it happened instead of showing output spliced together.
      if (lastSeq > 0 && event.seq > lastSeq + 1) {
        term.write(
          `\r\n\x1b[7m[benchtop] ${event.seq - lastSeq - 1} chunk(s) of output did not reach this view\x1b[0m\r\n`,
        );
      }
      lastSeq = event.seq;
      show(fromBase64(event.data));
    };
    const stopData = client.on('console.data', (event) => {
      if (event.sessionId !== sessionId) return;
      if (historySeq === undefined) early.push(event);
      else if (event.seq > historySeq) showEvent(event);
    });
    client.call('console.history', { sessionId }).then(
      (history) => {
        historySeq = history.seq;
        lastSeq = history.seq;
        show(fromBase64(history.data));
        for (const event of early) if (event.seq > history.seq) showEvent(event);
      },
      (e: unknown) => setError(errorText(e)),
    );
    const send = (data: string, binary: boolean): void => {
      const encoded = binary ? btoa(data) : toBase64(data);
      client
        .call('console.write', { sessionId, data: encoded, encoding: 'base64' })
        .catch((e: unknown) => setError(errorText(e)));
    };
    const typed = term.onData((data) => send(data, false));
    const binary = term.onBinary((data) => send(data, true));
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0 && element.clientHeight > 0) fitAddon.fit();
    });
    observer.observe(element);
    return () => {
      stopData();
      typed.dispose();
      binary.dispose();
      observer.disconnect();
      term.dispose();
      terminal.current = null;
    };
  }, [client, sessionId]);

  useEffect(() => {
    const term = terminal.current;
    if (!term) return;
    term.options.fontSize = fontSize;
    term.options.theme = themes[theme];
    if (host.current && host.current.clientWidth > 0) fit.current?.fit();
  }, [fontSize, theme]);

  const act = (work: Promise<unknown>): void => {
    setError(undefined);
    work.catch((e: unknown) => setError(errorText(e)));
  };
  const toggleLine = (line: 'dtr' | 'rts'): void => {
    const next = { ...lines, [line]: !lines[line] };
    act(
      client.call('console.signals', { sessionId, [line]: next[line] }).then(() => setLines(next)),
    );
  };
  const toggleTimestamps = (): void => {
    stamper.current = timestamps ? null : new ViewStamper();
    setTimestamps(!timestamps);
  };
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
          onChange={(event) => setTheme(event.target.value as 'dark' | 'light')}
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
