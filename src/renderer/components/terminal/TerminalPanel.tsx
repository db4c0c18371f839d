// SPDX-License-Identifier: Apache-2.0
import { useRef, useState, type ReactNode } from 'react';
import { Menu, type MenuItem } from '../Menu.js';
import { SearchBar } from './SearchBar.js';
import type { TerminalKeyAction } from './terminal-keys.js';
import { useTerminalPrefs } from './terminal-prefs.js';
import { useXterm, type TerminalSource } from './use-xterm.js';

/**
 * A terminal with one compact header line: the caller's name and state, then one menu (search,
 * copy, clear, and the caller's own items) and a close button. Ctrl-F opens the search over the
 * output; F6 moves the focus from the terminal to the header.
 */
export function TerminalPanel(props: {
  /** Names the panel, its menu and its close button for assistive tech (and tests). */
  label: string;
  source: TerminalSource;
  /** What leads the header: a name, badges, a line of details. */
  header: ReactNode;
  menuItems: readonly MenuItem[];
  onClose: () => void;
  onError: (text: string) => void;
  /** Shown between the header and the terminal: settings, errors, dialogs. */
  children?: ReactNode;
  sessionId?: string;
  /** A tile of a grid: a smaller text size at most. */
  maxFontSize?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLElement>(null);
  const [searching, setSearching] = useState(false);
  const { theme } = useTerminalPrefs();
  const { onError } = props;
  const onKey = (action: TerminalKeyAction): void => {
    if (action === 'search') setSearching(true);
    else if (action === 'copy') copy();
    else if (action === 'leave') header.current?.focus();
  };
  const { terminal, search } = useXterm(host, props.source, onKey, props.maxFontSize);
  function copy(): void {
    const text = terminal.current?.getSelection() ?? '';
    if (!text) return;
    navigator.clipboard
      .writeText(text)
      .catch(() => onError('The browser refused the clipboard: select the text and copy it.'));
  }

  return (
    <section className="terminal-panel" aria-label={props.label} data-session={props.sessionId}>
      <header className="terminal-header" ref={header} tabIndex={-1}>
        {props.header}
        <Menu
          label={`Menu of ${props.label}`}
          items={[
            { label: 'Search… (Ctrl+F)', onSelect: () => setSearching(true) },
            { label: 'Copy (Ctrl+Shift+C)', onSelect: copy },
            { label: 'Clear', onSelect: () => terminal.current?.clear() },
            ...props.menuItems,
          ]}
        />
        <button
          type="button"
          className="icon-button"
          onClick={props.onClose}
          aria-label={`Close ${props.label}`}
          title="Close"
        >
          ×
        </button>
      </header>
      {props.children}
      <div className="terminal-body">
        {searching && (
          <SearchBar
            search={search}
            onClose={() => {
              setSearching(false);
              terminal.current?.focus();
            }}
          />
        )}
        <div
          className="terminal-host"
          ref={host}
          data-theme={theme}
          data-testid="console-terminal"
        />
      </div>
    </section>
  );
}
