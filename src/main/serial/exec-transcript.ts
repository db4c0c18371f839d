// SPDX-License-Identifier: Apache-2.0
// What a console said since exec began, searchable as text.

// ANSI colours and cursor moves in prompts (balenaOS colours its prompt) hide the words we look for.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]/g;
export const LOGIN = /\blogin:\s*$/i;
export const PASSWORD = /\bpassword:\s*$/i;
export const LOGIN_INCORRECT = /login incorrect|authentication fail|permission denied/i;
export const PROMPT = /[$#%>]\s*$/;

/** The console's transcript since exec began, searchable as bytes (latin1 keeps one char per byte). */
export class Transcript {
  private text = '';
  /** Everything before this has been looked at and used. */
  consumed = 0;
  private waiter: (() => void) | undefined;

  push(chunk: Buffer): void {
    this.text += chunk.toString('latin1');
    this.waiter?.();
  }

  /** What arrived since the last consume, without colour codes or carriage returns. */
  fresh(): string {
    return this.text.slice(this.consumed).replace(ANSI, '').replace(/\r/g, '');
  }

  lastLine(): string {
    const fresh = this.fresh().trimEnd();
    return fresh.slice(fresh.lastIndexOf('\n') + 1);
  }

  consumeAll(): void {
    this.consumed = this.text.length;
  }

  raw(): string {
    return this.text;
  }

  /** Resolves on the next chunk or after ms, whichever is first. */
  async next(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.waiter = done;
    });
    this.waiter = undefined;
  }
}
