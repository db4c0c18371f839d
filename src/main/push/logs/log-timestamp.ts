// SPDX-License-Identifier: Apache-2.0
// The engine puts an RFC 3339 timestamp with nanoseconds in front of each log line when asked
// (`timestamps=true`). Kept as a fixed-width string: a JS Date would drop the nanoseconds, and
// lines written within one millisecond would lose their order.

const PREFIX = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

export interface TimestampedText {
  /** UTC, nine fraction digits: `2026-12-01T07:56:43.123456789Z`. */
  readonly timestamp: string;
  readonly message: string;
}

/** Splits "TIMESTAMP message"; null when the line does not start with a timestamp. */
export function splitTimestamp(line: string): TimestampedText | null {
  const match = PREFIX.exec(line);
  if (!match) return null;
  const [whole, seconds = '', fraction = '', zone = 'Z'] = match;
  return { timestamp: normalise(seconds, fraction, zone), message: line.slice(whole.length) };
}

function normalise(seconds: string, fraction: string, zone: string): string {
  const nanos = fraction.padEnd(9, '0');
  if (zone === 'Z') return `${seconds}.${nanos}Z`;
  // Another zone (engines log in UTC; this is for a board that does not): move to UTC by the
  // whole seconds and keep our own nanoseconds.
  const utc = new Date(`${seconds}${zone}`).toISOString().slice(0, 19);
  return `${utc}.${nanos}Z`;
}

/** The engine's `since` parameter for a timestamp: seconds.nanoseconds since the epoch. */
export function sinceParameter(timestamp: string): string {
  const seconds = Math.floor(Date.parse(timestamp.slice(0, 19) + 'Z') / 1000);
  const nanos = timestamp.slice(20, 29);
  return `${seconds}.${nanos}`;
}
