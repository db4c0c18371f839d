// SPDX-License-Identifier: Apache-2.0
// One line of a project's logs, as every face shows it: a service's own output, or a line that
// Benchtop itself adds (the board went away, came back).

export type LogStream = 'stdout' | 'stderr';

/** What a service's container wrote. */
export interface ServiceLogLine {
  readonly system: false;
  readonly project: string;
  readonly service: string;
  readonly stream: LogStream;
  /** RFC 3339 in UTC with nine fraction digits, so lines order as strings. */
  readonly timestamp: string;
  readonly message: string;
}

/** What Benchtop says about the log stream itself ("board lost: …", "board back"). */
export interface SystemLogLine {
  readonly system: true;
  /** The project followed, or null when following every project on the board. */
  readonly project: string | null;
  readonly service: null;
  readonly stream: 'stderr';
  readonly timestamp: string;
  readonly message: string;
}

export type LogLine = ServiceLogLine | SystemLogLine;

/** Now, in the same fixed-width form as the engine's log timestamps. */
export function nowTimestamp(now: Date = new Date()): string {
  return now.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export function systemLine(project: string | null, message: string, now?: Date): SystemLogLine {
  return {
    system: true,
    project,
    service: null,
    stream: 'stderr',
    timestamp: nowTimestamp(now),
    message,
  };
}
