// SPDX-License-Identifier: Apache-2.0
// `shell.exec`: one command on a board, its output and exit status, as `ssh host CMD` or
// `docker exec` give them to a script. No terminal: a program that asks for input gets none
// (its input is closed at once), so a command can never wait on a person.
import type { CommandArgs, ShellExecResult } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { HistoryRing } from '../streams/index.js';
import type { ShellDeps } from './index.js';
import type { ProcessExit, ShellOutput } from './shell-process.js';
import { startProgram } from './start-program.js';

const OUTPUT_BYTES = 256 * 1024;

export async function execOnBoard(
  deps: ShellDeps,
  args: CommandArgs<'shell.exec'>,
  signal?: AbortSignal,
): Promise<ShellExecResult> {
  const { address } = await deps.boards.resolve(args.board);
  const output = new HistoryRing(OUTPUT_BYTES);
  let ended: (exit: ProcessExit) => void = () => undefined;
  const exited = new Promise<ProcessExit>((resolve) => (ended = resolve));
  const sink: ShellOutput = { data: (chunk) => output.push(chunk), exit: (exit) => ended(exit) };
  const program = await startProgram(
    deps,
    { board: args.board, address, target: args.target },
    { command: [args.command], tty: false, cols: 80, rows: 24 },
    sink,
  );
  program.end();
  let timer: NodeJS.Timeout | undefined;
  const stop = () => program.kill();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), args.timeoutMs);
    });
    const exit = await Promise.race([exited, timedOut]);
    if (exit === 'timeout') {
      program.kill();
      throw new BenchtopError(
        'TIMEOUT',
        `The command did not end on ${args.board} within ${args.timeoutMs / 1000} s, so it was hung up: give it a longer timeout, or check what it waits for.`,
      );
    }
    if (signal?.aborted) throw new BenchtopError('CANCELLED', 'The command was cancelled.');
    if (exit.error) throw BenchtopError.fromInfo(exit.error);
    return {
      output: output.snapshot().toString('utf8'),
      status: exit.status,
      ...(exit.signal === undefined ? {} : { signal: exit.signal }),
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}
