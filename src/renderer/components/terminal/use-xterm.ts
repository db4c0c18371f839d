// SPDX-License-Identifier: Apache-2.0
// The one terminal of the app (serial consoles, container and host shells): xterm.js with fit
// and search, the window's text size and theme, and the keys that lead out of it. What it shows
// and where typing goes is the source's business.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useEffect, useRef, type RefObject } from 'react';
import { terminalKeyAction, type TerminalKeyAction } from './terminal-keys.js';
import { changeFontSize, useTerminalPrefs } from './terminal-prefs.js';
import { TERMINAL_FONT, TERMINAL_LINE_HEIGHT, terminalThemes } from './themes.js';

/** Past this much output not yet drawn, the view skips (and says so) instead of freezing. */
const MAX_UNDRAWN_BYTES = 4 * 1024 * 1024;

export interface TerminalSink {
  write(data: Uint8Array | string): void;
  /** Benchtop's own words, set apart from the other end's output. */
  notice(text: string): void;
}

/** What a terminal shows and where its typing goes: a serial session, a shell. */
export interface TerminalSource {
  /** Starts feeding the sink; returns the stop. */
  attach(sink: TerminalSink): () => void;
  send(data: Uint8Array): void;
  resize?(size: { cols: number; rows: number }): void;
}

/** Benchtop's own words in the output, reversed so they are not taken for the board's. */
export const noticeText = (text: string): string => `\r\n\x1b[7m[benchtop] ${text}\x1b[0m\r\n`;

const encoder = new TextEncoder();
const latin1 = (data: string): Uint8Array => Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff);

export interface XtermHandle {
  readonly terminal: RefObject<Terminal | null>;
  readonly search: RefObject<SearchAddon | null>;
}

export function useXterm(
  host: RefObject<HTMLDivElement | null>,
  source: TerminalSource,
  onKey: (action: TerminalKeyAction) => void,
  /** At most this text size, whatever the window's is: the tiles of a grid. */
  maxFontSize?: number,
): XtermHandle {
  const windowPrefs = useTerminalPrefs();
  const prefs = {
    ...windowPrefs,
    fontSize: Math.min(windowPrefs.fontSize, maxFontSize ?? windowPrefs.fontSize),
  };
  const terminal = useRef<Terminal | null>(null);
  const fit = useRef<FitAddon | null>(null);
  const search = useRef<SearchAddon | null>(null);
  const latestKey = useRef(onKey);
  const latestPrefs = useRef(prefs);
  useEffect(() => {
    latestKey.current = onKey;
    latestPrefs.current = prefs;
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const term = new Terminal({
      scrollback: 10_000,
      fontFamily: TERMINAL_FONT,
      lineHeight: TERMINAL_LINE_HEIGHT,
      fontSize: latestPrefs.current.fontSize,
      theme: terminalThemes[latestPrefs.current.theme],
      allowProposedApi: true,
    });
    const fitAddon = new FitAddon();
    const searchAddon = new SearchAddon();
    term.loadAddon(fitAddon);
    term.loadAddon(searchAddon);
    term.attachCustomKeyEventHandler((event) => {
      const action = terminalKeyAction(event);
      if (action === 'board') return true;
      // The app's own shortcuts bubble on to the window; the rest are the terminal's.
      if (action !== 'app') event.preventDefault();
      if (event.type !== 'keydown') return false;
      if (action === 'font-larger') changeFontSize(1);
      else if (action === 'font-smaller') changeFontSize(-1);
      else if (action === 'font-reset') changeFontSize('reset');
      else if (action !== 'app') latestKey.current(action);
      return false;
    });
    term.open(element);
    terminal.current = term;
    fit.current = fitAddon;
    search.current = searchAddon;

    let undrawn = 0;
    let skipped = 0;
    const stop = source.attach({
      write(data) {
        if (undrawn > MAX_UNDRAWN_BYTES) {
          skipped += data.length;
          return;
        }
        if (skipped > 0) {
          term.write(
            noticeText(
              `the view skipped ${skipped} bytes of a flood to stay responsive; a log file keeps everything`,
            ),
          );
          skipped = 0;
        }
        undrawn += data.length;
        term.write(data, () => {
          undrawn -= data.length;
        });
      },
      notice: (text) => term.write(noticeText(text)),
    });
    const typed = term.onData((data) => source.send(encoder.encode(data)));
    const binary = term.onBinary((data) => source.send(latin1(data)));
    const resized = term.onResize((size) => source.resize?.(size));
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0 && element.clientHeight > 0) fitAddon.fit();
    });
    observer.observe(element);
    return () => {
      stop();
      typed.dispose();
      binary.dispose();
      resized.dispose();
      observer.disconnect();
      term.dispose();
      terminal.current = null;
    };
  }, [source, host]);

  useEffect(() => {
    const term = terminal.current;
    if (!term) return;
    term.options.fontSize = prefs.fontSize;
    term.options.theme = terminalThemes[prefs.theme];
    if (host.current && host.current.clientWidth > 0) fit.current?.fit();
  }, [prefs.fontSize, prefs.theme, host]);

  return { terminal, search };
}
