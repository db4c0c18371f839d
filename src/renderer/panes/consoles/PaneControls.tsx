// SPDX-License-Identifier: Apache-2.0
import { terminalShortcuts } from '../../components/terminal/terminal-keys.js';
import {
  changeFontSize,
  setTerminalPrefs,
  useTerminalPrefs,
  type TerminalTheme,
} from '../../components/terminal/terminal-prefs.js';
import type { Layout } from './open-consoles-memory.js';

const layoutNames: Record<Layout, string> = { tabs: 'Tabs', side: 'Side by side', grid: 'Grid' };

/** The controls every terminal of the pane shares: layout, text size, theme, and the keys. */
export function PaneControls(props: { layout: Layout; onLayout: (layout: Layout) => void }) {
  const prefs = useTerminalPrefs();
  return (
    <div className="pane-controls">
      <div className="layout-switch" role="group" aria-label="Layout">
        {(['tabs', 'side', 'grid'] as const).map((layout) => (
          <button
            key={layout}
            type="button"
            aria-pressed={props.layout === layout}
            onClick={() => props.onLayout(layout)}
          >
            {layoutNames[layout]}
          </button>
        ))}
      </div>
      <div role="group" aria-label="Text size">
        <button type="button" aria-label="Smaller text" onClick={() => changeFontSize(-1)}>
          A−
        </button>
        <span className="muted font-size" data-testid="font-size">
          {prefs.fontSize}
        </span>
        <button type="button" aria-label="Larger text" onClick={() => changeFontSize(1)}>
          A+
        </button>
      </div>
      <select
        aria-label="Theme"
        value={prefs.theme}
        onChange={(event) => setTerminalPrefs({ theme: event.target.value as TerminalTheme })}
      >
        <option value="dark">dark</option>
        <option value="light">light</option>
      </select>
      <details className="terminal-keys">
        <summary>Keys</summary>
        <dl>
          {terminalShortcuts.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
