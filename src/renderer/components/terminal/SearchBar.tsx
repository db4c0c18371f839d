// SPDX-License-Identifier: Apache-2.0
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { SearchAddon } from '@xterm/addon-search';

/** Ctrl-F's bar over a terminal: Enter finds the next match, Shift-Enter the previous, Esc closes. */
export function SearchBar(props: { search: RefObject<SearchAddon | null>; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<boolean>();
  useEffect(() => input.current?.focus(), []);
  const find = (backwards: boolean): void => {
    const addon = props.search.current;
    if (!query || !addon) return;
    setFound(backwards ? addon.findPrevious(query) : addon.findNext(query));
  };
  return (
    <div className="terminal-search" role="search">
      <input
        ref={input}
        type="search"
        aria-label="Search the output"
        placeholder="Search (Enter, Shift+Enter)"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setFound(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') find(event.shiftKey);
          if (event.key === 'Escape') props.onClose();
        }}
      />
      {found === false && (
        <span className="muted" role="status">
          not found
        </span>
      )}
      {found === true && (
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
      <button type="button" aria-label="Close search" onClick={props.onClose}>
        ×
      </button>
    </div>
  );
}
