// SPDX-License-Identifier: Apache-2.0
// The write of a CLI that is root already, run in the CLI's own process. A writer process
// there would grant nothing the CLI does not have, and would cost a second Node start and a
// second load of etcher-sdk before the first byte. Everything else stays as with a writer
// process: it is made only after the engine's checks pass (flash-job.ts calls spawn then),
// the request and the answers go through the same protocol lines, both checked the same way
// (writer-session.ts, protocol.ts), and runWrite re-checks every target itself.
// Not for a non-root engine (that needs the elevated process), nor for serve or the desktop
// app: a long-running engine keeps its writes out of its own process (ready-writer.ts).
import { randomBytes } from 'node:crypto';
import { parseWriterMessage, type WriterMessage } from './protocol.js';
import type { IdleWriter, WriterHandle } from './spawn-writer.js';

type Exit = { code: number | null; stderr: string };

const PROGRESS_MS = 100;

/**
 * Some dependencies log to stdout, which is the CLI's own output (`--json` lines): for the
 * write, their words go to stderr, as in the writer process. Undone when the write ends.
 */
function logsToStderr(): () => void {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  console.log = (...args: unknown[]) => console.error(...args);
  console.info = console.log;
  console.warn = console.log;
  return () => Object.assign(console, saved);
}

export function inProcessWriter(): IdleWriter {
  const token = randomBytes(32).toString('hex');
  let listener: ((message: WriterMessage) => void) | undefined;
  let code: number | undefined;
  let restoreLogs: (() => void) | undefined;
  let ended: (exit: Exit) => void = () => undefined;
  const exited = new Promise<Exit>((resolve) => (ended = resolve));
  /** First one wins, as a process exits once; nothing it says after counts. */
  const exit = (value: number, stderr = ''): void => {
    if (code !== undefined) return;
    code = value;
    clearTimeout(timer);
    restoreLogs?.();
    ended({ code: value, stderr });
  };
  const handOn = (line: string): void => {
    if (code !== undefined) return;
    const message = parseWriterMessage(line.trimEnd(), token);
    if (message) listener?.(message);
  };
  // A writer process reports progress on the other core; here every report (hundreds in a
  // dense write) would be parsed and shown on the thread that writes. So progress is handed
  // on at most every PROGRESS_MS, the latest one, and always before any other message.
  let progress: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const latest = progress;
    progress = undefined;
    if (latest !== undefined) handOn(latest);
  };
  const deliver = (line: string): void => {
    if (line.startsWith('{"type":"progress"')) {
      progress = line;
      timer ??= setTimeout(flush, PROGRESS_MS);
      return;
    }
    flush();
    handOn(line);
  };
  // The session (and with it runWrite and etcher-sdk) loads with the first line: after the
  // checks, as the writer process would start then.
  let session: Promise<(line: string) => void> | undefined;
  const send = (line: string): void => {
    session ??= import('./writer-session.js').then(({ writerSession }) =>
      writerSession({ out: deliver, exit }),
    );
    session.then(
      (handle) => handle(line),
      (error: unknown) => exit(1, error instanceof Error ? (error.stack ?? error.message) : ''),
    );
  };
  const handle: WriterHandle = {
    exited,
    start(request) {
      restoreLogs ??= logsToStderr();
      send(JSON.stringify({ type: 'start', token, ...request }));
    },
    cancel() {
      send(JSON.stringify({ type: 'cancel', token }));
    },
  };
  return {
    get alive() {
      return code === undefined;
    },
    take(onMessage) {
      listener = onMessage;
      return handle;
    },
    close() {
      exit(2);
    },
  };
}
