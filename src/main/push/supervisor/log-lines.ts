// SPDX-License-Identifier: Apache-2.0
// /v2/local/logs sends one JSON object per line: a service's output with its serviceName, or a
// supervisor "system" message (installing, starting, failing…) with isSystem. Pure: the stream
// is fed in as chunks, and a line that is not such an object is skipped, never fatal.
import { z } from 'zod';

/** One line of a board's logs, as the `logs` command and the Push pane show it. */
export interface SupervisorLogLine {
  /** The service that wrote it; null for the supervisor's own (system) messages. */
  readonly service: string | null;
  readonly message: string;
  /** Milliseconds since the epoch, as the supervisor stamps it (or when it arrived). */
  readonly timestamp: number;
  readonly isSystem: boolean;
  readonly isStdErr: boolean;
}

const WireLine = z.looseObject({
  message: z.string(),
  timestamp: z.number().optional(),
  serviceName: z.string().optional(),
  isSystem: z.boolean().optional(),
  isStdErr: z.boolean().optional(),
});

/** The supervisor's first line on every connection, sent only to get the answer going. */
const greeting = 'Streaming logs';
/** A line without a newline after this many bytes is not a log line; it is dropped. */
const MAX_LINE = 256 * 1024;

export function parseLogLine(text: string, now = Date.now()): SupervisorLogLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = WireLine.safeParse(value);
  if (!parsed.success) return undefined;
  const line = parsed.data;
  const isSystem = line.isSystem === true || line.serviceName === undefined;
  return {
    service: isSystem ? null : (line.serviceName ?? null),
    message: line.message,
    timestamp: line.timestamp ?? now,
    isSystem,
    isStdErr: line.isStdErr === true,
  };
}

/** Splits a byte stream into log lines; `push` returns the complete lines of each chunk. */
export class LogLineSplitter {
  private pending = '';
  private readonly decoder = new TextDecoder();
  private first = true;

  push(chunk: Uint8Array): SupervisorLogLine[] {
    this.pending += this.decoder.decode(chunk, { stream: true });
    const parts = this.pending.split('\n');
    this.pending = parts.pop() ?? '';
    if (this.pending.length > MAX_LINE) this.pending = '';
    const lines: SupervisorLogLine[] = [];
    for (const part of parts) {
      const line = part.trim() === '' ? undefined : parseLogLine(part);
      if (line === undefined) continue;
      const isGreeting = this.first && line.isSystem && line.message === greeting;
      this.first = false;
      if (!isGreeting) lines.push(line);
    }
    return lines;
  }
}

export interface LogFilter {
  /** Only these services' lines (and system lines if `system`). Empty or absent: every service. */
  readonly services?: readonly string[];
  /** Only the supervisor's own lines (plus the services named). */
  readonly system?: boolean;
}

/** `logs --service S… --system` as balena-cli reads them: with neither, everything. */
export function keepLogLine(line: SupervisorLogLine, filter: LogFilter): boolean {
  const services = filter.services ?? [];
  if (services.length === 0 && filter.system !== true) return true;
  if (line.isSystem) return filter.system === true;
  return line.service !== null && services.includes(line.service);
}
