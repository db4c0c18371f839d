// SPDX-License-Identifier: Apache-2.0
// One console's terminal: xterm in a host element, fed by the session's output (history first,
// then live chunks, gaps said where they happened) and sending what is typed to the board.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, type RefObject } from 'react';
import { describeError } from '../../../shared/errors.js';
import { followConsole } from '../../../shared/follow-console.js';
import { clockStamp, LineStamper } from '../../../shared/line-stamper.js';
import { useClient } from '../../client/client-context.js';
import { fromBase64, toBase64 } from './base64.js';

/** Past this much output not yet drawn, the view skips (and says so) instead of freezing. */
const MAX_UNDRAWN_BYTES = 4 * 1024 * 1024;

export type TerminalTheme = 'dark' | 'light';

const themes: Record<TerminalTheme, ITheme> = {
  dark: { background: '#101317', foreground: '#d8dee9', cursor: '#d8dee9' },
  light: {
    background: '#fbfbfd',
    foreground: '#1c2330',
    cursor: '#1c2330',
    selectionBackground: '#b4cdf5',
  },
};

/** tio's clock stamp, dimmed so the board's own text stands out. */
const dimClock = (now: Date): string => `\x1b[2m${clockStamp(now).trimEnd()}\x1b[22m `;

/** Benchtop's own words in the output, reversed so they are not taken for the board's. */
const notice = (text: string): string => `\r\n\x1b[7m[benchtop] ${text}\x1b[0m\r\n`;

export interface TerminalHandle {
  /** The terminal, while mounted: for search, selection and clear. */
  readonly terminal: RefObject<Terminal | null>;
  readonly search: RefObject<SearchAddon | null>;
}

export function useTerminal(
  host: RefObject<HTMLDivElement | null>,
  sessionId: string,
  view: { fontSize: number; theme: TerminalTheme; timestamps: boolean },
  onError: (text: string) => void,
): TerminalHandle {
  const client = useClient();
  const terminal = useRef<Terminal | null>(null);
  const fit = useRef<FitAddon | null>(null);
  const search = useRef<SearchAddon | null>(null);
  const stamper = useRef<LineStamper | null>(null);
  const reportError = useRef(onError);
  useEffect(() => {
    reportError.current = onError;
  });

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
    const show = (base64: string): void => {
      const bytes = fromBase64(base64);
      if (undrawn > MAX_UNDRAWN_BYTES) {
        skipped += bytes.length;
        return;
      }
      if (skipped > 0) {
        term.write(
          notice(
            `the view skipped ${skipped} bytes of a flood to stay responsive; a log file keeps everything`,
          ),
        );
        skipped = 0;
      }
      const data = stamper.current ? stamper.current.stamp(bytes) : bytes;
      undrawn += data.length;
      term.write(data, () => {
        undrawn -= data.length;
      });
    };
    const follow = followConsole(client, sessionId, {
      history: show,
      data: show,
      gap: (missing) => term.write(notice(`${missing} chunk(s) of output did not reach this view`)),
    });
    follow.ready.catch((e: unknown) => reportError.current(describeError(e)));
    const send = (data: string, binary: boolean): void => {
      const encoded = binary ? btoa(data) : toBase64(data);
      client
        .call('console.write', { sessionId, data: encoded, encoding: 'base64' })
        .catch((e: unknown) => reportError.current(describeError(e)));
    };
    const typed = term.onData((data) => send(data, false));
    const binary = term.onBinary((data) => send(data, true));
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0 && element.clientHeight > 0) fitAddon.fit();
    });
    observer.observe(element);
    return () => {
      follow.stop();
      typed.dispose();
      binary.dispose();
      observer.disconnect();
      term.dispose();
      terminal.current = null;
    };
  }, [client, sessionId, host]);

  useEffect(() => {
    stamper.current = view.timestamps ? new LineStamper(dimClock) : null;
  }, [view.timestamps]);

  useEffect(() => {
    const term = terminal.current;
    if (!term) return;
    term.options.fontSize = view.fontSize;
    term.options.theme = themes[view.theme];
    if (host.current && host.current.clientWidth > 0) fit.current?.fit();
  }, [view.fontSize, view.theme, host]);

  return { terminal, search };
}
