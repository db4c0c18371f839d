// SPDX-License-Identifier: Apache-2.0
// Which keys a terminal keeps from the board. A terminal must pass Tab, Esc and Ctrl-letters
// through (shells and boot loaders need them), so the way out is a few chords that boards do
// not use, as VS Code's integrated terminal does: the app's pane shortcuts, search, font size,
// copy, and F6 to leave the terminal for the page.

export type TerminalKeyAction =
  'board' | 'app' | 'search' | 'font-larger' | 'font-smaller' | 'font-reset' | 'copy' | 'leave';

export interface KeyChord {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

/** The shortcuts as the help lists them, in one place for the docs, the help text and the tests. */
export const terminalShortcuts: readonly (readonly [keys: string, what: string])[] = [
  ['Alt+1…4', 'switch panes (works inside a terminal too)'],
  ['F6', 'leave the terminal (focus goes to its header)'],
  ['Ctrl+F', 'search the output'],
  ['Ctrl+= / Ctrl+− / Ctrl+0', 'larger, smaller, default text'],
  ['Ctrl+Shift+C', 'copy the selection'],
];

export function terminalKeyAction(chord: KeyChord): TerminalKeyAction {
  const { key, ctrlKey, altKey, shiftKey, metaKey } = chord;
  const command = ctrlKey || metaKey;
  if ((altKey || command) && /^[1-9]$/.test(key)) return 'app';
  if (key === 'F6' && !command && !altKey) return 'leave';
  if (!command || altKey) return 'board';
  const lower = key.toLowerCase();
  if (lower === 'f' && !shiftKey) return 'search';
  if (lower === 'c' && shiftKey) return 'copy';
  if (key === '=' || key === '+') return 'font-larger';
  if (key === '-' || key === '_') return 'font-smaller';
  if (key === '0' && !shiftKey) return 'font-reset';
  return 'board';
}
