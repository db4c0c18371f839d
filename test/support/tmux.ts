// SPDX-License-Identifier: Apache-2.0
// A real terminal for the interactive CLI: a detached tmux session running one command, driven
// by keys and read back as the text of its screen.
import { execFileSync } from 'node:child_process';

export function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

/** The tmux session `name`: started (and started again) with `start`, killed with `kill`. */
export function tmuxSession(name: string) {
  const screen = (): string => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', name);
  return {
    name,
    /** `command` in a detached `cols` x `rows` window. */
    start(command: string, cols: number, rows: number): void {
      tmux('new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), command);
    },
    screen,
    /** The screen once it matches `pattern`; `what` names it in the error when it never does. */
    async waitForScreen(pattern: RegExp, what: string, timeoutMs = 15_000): Promise<string> {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const text = screen();
        if (pattern.test(text)) return text;
        if (Date.now() > end)
          throw new Error(`timed out waiting for ${what}; the screen shows:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    /** tmux key names (`Enter`, `C-t`). */
    keys(...keys: string[]): void {
      tmux('send-keys', '-t', name, ...keys);
    },
    /** `text` as typed, without Enter. */
    write(text: string): void {
      tmux('send-keys', '-t', name, '-l', text);
    },
    /** A line typed: `text`, then Enter. */
    typeLine(text: string): void {
      tmux('send-keys', '-t', name, '-l', text);
      tmux('send-keys', '-t', name, 'Enter');
    },
    alive(): boolean {
      const list = execFileSync('tmux', ['list-sessions', '-F', '#{session_name}'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return list.split('\n').includes(name);
    },
    kill(): void {
      execFileSync('tmux', ['kill-session', '-t', name], { stdio: 'ignore' });
    },
  };
}
