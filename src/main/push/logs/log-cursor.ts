// SPDX-License-Identifier: Apache-2.0
// Where a container's log was read up to, so a reconnect that asks the engine for lines `since`
// the last timestamp (which the engine includes) shows none twice.

/** Distinct messages remembered at the last timestamp; more than this in one instant is a flood. */
const MAX_AT_LAST = 1000;

export class LogCursor {
  private last = '';
  private atLast = new Set<string>();

  /** The last timestamp passed, or undefined before the first line. */
  get timestamp(): string | undefined {
    return this.last || undefined;
  }

  /** True when the line is new (and moves the cursor), false when it was seen already. */
  accept(line: { readonly timestamp: string; readonly message: string }): boolean {
    if (line.timestamp < this.last) return false;
    if (line.timestamp === this.last) {
      if (this.atLast.has(line.message)) return false;
      if (this.atLast.size < MAX_AT_LAST) this.atLast.add(line.message);
      return true;
    }
    this.last = line.timestamp;
    this.atLast = new Set([line.message]);
    return true;
  }
}
