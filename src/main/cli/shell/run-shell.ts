// SPDX-License-Identifier: Apache-2.0
// `benchtop shell`: a terminal on a board's host OS or a container, or a command run there
// whose exit status becomes ours. The session id is chosen here, so the output and the end are
// subscribed to before the program starts and none of a short command's output is missed.
import { randomUUID } from 'node:crypto';
import type { ContractClient } from '../../../shared/client.js';
import type { ShellExit, ShellTarget } from '../../../shared/contract/index.js';
import { BenchtopError, describeError } from '../../../shared/errors.js';
import { printJson, reportError } from '../output.js';
import { exitStatusOf } from './shell-words.js';

export interface ShellRun {
  readonly board: string;
  readonly target: ShellTarget;
  readonly command: readonly string[];
  readonly json: boolean;
  /** A terminal on the board: for an interactive shell from a terminal, or when asked. */
  readonly tty: boolean;
}

const size = () => ({
  cols: process.stdout.columns || 80,
  rows: process.stdout.rows || 24,
});

export async function runShell(client: ContractClient, run: ShellRun): Promise<void> {
  if (run.json && run.command.length === 0) {
    throw new BenchtopError(
      'INVALID_INPUT',
      '--json runs a command: give it after --, e.g. benchtop shell BOARD --json -- uname -a',
    );
  }
  const sessionId = randomUUID();
  const rawStdin = run.tty && process.stdin.isTTY;
  const chunks: { stream: 'stdout' | 'stderr'; data: Buffer }[] = [];
  let finish: (exit: ShellExit) => void = () => undefined;
  const ended = new Promise<ShellExit>((resolve) => (finish = resolve));
  const stopData = client.on(
    'shell.data',
    (event) => {
      const data = Buffer.from(event.data, 'base64');
      if (run.json) chunks.push({ stream: event.stream, data });
      else (event.stream === 'stderr' ? process.stderr : process.stdout).write(data);
    },
    { key: sessionId },
  );
  const stopExit = client.on('shell.exit', (event) => finish(event.exit), { key: sessionId });

  // Keystrokes go out in order: each write waits for the one before.
  let queue: Promise<unknown> = Promise.resolve();
  const send = (step: () => Promise<unknown>): void => {
    queue = queue.then(step).catch((error: unknown) => {
      process.stderr.write(`\r\nbenchtop: ${describeError(error)}\r\n`);
    });
  };
  const onInput = (chunk: Buffer): void =>
    send(() =>
      client.call('shell.write', { sessionId, data: chunk.toString('base64'), encoding: 'base64' }),
    );
  const onEnd = (): void => send(() => client.call('shell.eof', { sessionId }));
  const onResize = (): void => send(() => client.call('shell.resize', { sessionId, ...size() }));
  const onSignal = (): void => send(() => client.call('shell.close', { sessionId }));
  let opened = false;
  try {
    const session = await client.call('shell.open', {
      board: run.board,
      sessionId,
      target: run.target,
      ...(run.command.length > 0 ? { command: [...run.command] } : {}),
      tty: run.tty,
      ...size(),
    });
    opened = true;
    if (rawStdin) process.stdin.setRawMode(true);
    process.stdin.on('data', onInput);
    process.stdin.on('end', onEnd);
    process.stdin.resume();
    if (run.tty) process.on('SIGWINCH', onResize);
    // At a terminal in raw mode Ctrl-C goes to the board; these come from elsewhere.
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    if (!rawStdin) process.on('SIGINT', onSignal);
    const exit = await ended;
    await queue;
    if (run.json) {
      const of = (stream?: 'stdout' | 'stderr') =>
        Buffer.concat(
          chunks.filter((c) => stream === undefined || c.stream === stream).map((c) => c.data),
        ).toString('utf8');
      printJson({
        board: run.board,
        target: run.target,
        ...(session.containerId === undefined ? {} : { containerId: session.containerId }),
        command: session.command,
        status: exit.status,
        ...(exit.signal === undefined ? {} : { signal: exit.signal }),
        ...(exit.error === undefined ? {} : { error: exit.error }),
        output: of(),
        stdout: of('stdout'),
        stderr: of('stderr'),
      });
    } else if (exit.error) {
      if (rawStdin) process.stdin.setRawMode(false);
      reportError(exit.error, false);
    }
    process.exitCode = exitStatusOf(exit);
  } finally {
    if (rawStdin) process.stdin.setRawMode(false);
    process.stdin.off('data', onInput);
    process.stdin.off('end', onEnd);
    process.stdin.pause();
    process.off('SIGWINCH', onResize);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
    stopData();
    stopExit();
    if (opened) await client.call('shell.close', { sessionId }).catch(() => undefined);
  }
}
