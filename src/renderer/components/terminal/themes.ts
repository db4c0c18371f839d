// SPDX-License-Identifier: Apache-2.0
import type { ITheme } from '@xterm/xterm';
import type { TerminalTheme } from './terminal-prefs.js';

export const terminalThemes: Record<TerminalTheme, ITheme> = {
  dark: { background: '#101317', foreground: '#d8dee9', cursor: '#d8dee9' },
  light: {
    background: '#fbfbfd',
    foreground: '#1c2330',
    cursor: '#1c2330',
    selectionBackground: '#b4cdf5',
  },
};

export const TERMINAL_FONT = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/**
 * With a line height of 1.0, xterm's rows are as tall as the font's ascent and descent, rounded,
 * and at some sizes (10, 14, 19, 23 px in DejaVu Sans Mono) the underscore, drawn at the very
 * bottom of the descent, falls outside the row and is clipped: `x86_64` reads `x86 64`. A tenth
 * more room holds it at every size from 8 to 32 px; 1.15 leaves a margin for other fonts.
 */
export const TERMINAL_LINE_HEIGHT = 1.15;
