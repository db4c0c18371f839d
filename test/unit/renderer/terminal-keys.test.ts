// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { terminalKeyAction } from '../../../src/renderer/components/terminal/terminal-keys.js';
import { clampFont, parsePrefs } from '../../../src/renderer/components/terminal/terminal-prefs.js';
import { parseOpenConsoles } from '../../../src/renderer/panes/consoles/open-consoles-memory.js';

const chord = (key: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean } = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
  metaKey: false,
});

describe('which keys a terminal keeps from the board', () => {
  it('gives the board Tab, Esc, Ctrl-letters and Alt-letters', () => {
    for (const key of ['Tab', 'Escape', 'a', 'Enter', 'ArrowUp']) {
      expect(terminalKeyAction(chord(key))).toBe('board');
    }
    expect(terminalKeyAction(chord('Tab', { shift: true }))).toBe('board');
    expect(terminalKeyAction(chord('c', { ctrl: true }))).toBe('board');
    expect(terminalKeyAction(chord('r', { ctrl: true }))).toBe('board');
    expect(terminalKeyAction(chord('b', { alt: true }))).toBe('board');
  });

  it("lets the app's pane shortcuts and F6 out", () => {
    expect(terminalKeyAction(chord('2', { alt: true }))).toBe('app');
    expect(terminalKeyAction(chord('4', { ctrl: true }))).toBe('app');
    expect(terminalKeyAction(chord('F6'))).toBe('leave');
  });

  it('keeps search, copy and text size for the terminal', () => {
    expect(terminalKeyAction(chord('f', { ctrl: true }))).toBe('search');
    expect(terminalKeyAction(chord('C', { ctrl: true, shift: true }))).toBe('copy');
    expect(terminalKeyAction(chord('=', { ctrl: true }))).toBe('font-larger');
    expect(terminalKeyAction(chord('+', { ctrl: true, shift: true }))).toBe('font-larger');
    expect(terminalKeyAction(chord('-', { ctrl: true }))).toBe('font-smaller');
    expect(terminalKeyAction(chord('0', { ctrl: true }))).toBe('font-reset');
  });
});

describe('what the window remembers', () => {
  it('keeps text sizes from 8 to 32 px and a known theme', () => {
    expect(clampFont(4)).toBe(8);
    expect(clampFont(40)).toBe(32);
    expect(parsePrefs('{"fontSize":18,"theme":"light"}')).toEqual({ fontSize: 18, theme: 'light' });
    expect(parsePrefs('{"fontSize":"x","theme":"neon"}')).toEqual({ fontSize: 14, theme: 'dark' });
    expect(parsePrefs('not json')).toEqual({ fontSize: 14, theme: 'dark' });
  });

  it('reads the consoles a tab had open, dropping what does not fit', () => {
    expect(
      parseOpenConsoles(
        '{"paths":["/dev/ttyUSB0","/dev/ttyUSB0",3,""],"layout":"side","active":"/dev/ttyUSB0"}',
      ),
    ).toEqual({ paths: ['/dev/ttyUSB0'], layout: 'side', active: '/dev/ttyUSB0' });
    expect(parseOpenConsoles('{"paths":["/a"],"active":"/b"}')).toEqual({
      paths: ['/a'],
      layout: 'tabs',
      active: undefined,
    });
    expect(parseOpenConsoles(null).paths).toEqual([]);
  });
});
