// SPDX-License-Identifier: Apache-2.0
// tio's key commands, which people at a bench already have in their fingers: a prefix key
// (Ctrl-T), then one letter. Pure, so it is tested without a terminal.

export const PREFIX = 0x14; // Ctrl-T

export type KeyAction = 'quit' | 'break' | 'timestamps' | 'clear' | 'help' | 'status' | 'echo';

const actions: Record<string, KeyAction> = {
  q: 'quit',
  b: 'break',
  t: 'timestamps',
  l: 'clear',
  '?': 'help',
  s: 'status',
  e: 'echo',
};

export const keyHelp = `Key commands (press Ctrl-T, then):
  ?        this help
  b        send BREAK
  e        local echo on/off
  l        clear the screen
  q        quit
  s        show the port, settings and state
  t        timestamps on/off
  Ctrl-T   send Ctrl-T itself`;

export type KeyStep = { send: Buffer } | { action: KeyAction };

/** Splits typed bytes into bytes for the board and key commands, keeping the prefix across reads. */
export class KeyCommands {
  private armed = false;

  feed(input: Buffer): KeyStep[] {
    const steps: KeyStep[] = [];
    let start = 0;
    const flush = (end: number): void => {
      if (end > start) steps.push({ send: input.subarray(start, end) });
    };
    for (let i = 0; i < input.length; i++) {
      const byte = input[i] ?? 0;
      if (this.armed) {
        this.armed = false;
        start = i + 1;
        if (byte === PREFIX) {
          steps.push({ send: Buffer.from([PREFIX]) });
          continue;
        }
        const action = actions[String.fromCharCode(byte)];
        // An unknown letter after the prefix is dropped, as tio does.
        if (action) steps.push({ action });
      } else if (byte === PREFIX) {
        flush(i);
        this.armed = true;
        start = i + 1;
      }
    }
    if (!this.armed) flush(input.length);
    return steps;
  }
}
