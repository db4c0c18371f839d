// SPDX-License-Identifier: Apache-2.0
// One writer run as its lines arrive: the first valid start request fixes the run's token,
// a cancel counts only with that token, anything else is ignored. Both ways a write runs use
// this one session: the writer process (writer-process.ts, lines on its stdin) and a root
// CLI writing in its own process (in-process-writer.ts). So both check what they are handed
// the same way (writer-command.ts) and re-check every target themselves (inside runWrite).
import { toErrorInfo } from '../../../shared/error-core.js';
import type { WriterOutput } from './protocol.js';
import { runWrite } from './run-write.js';
import { parseWriterCommand } from './writer-command.js';

export interface WriterSessionIo {
  /** One protocol line out (JSON, token included). */
  out(line: string): void;
  /** The run is over: 0 done, 1 failed (after a 'fatal' line), 130 cancelled. */
  exit(code: number): void;
}

/** Returns the function to hand each line in to. */
export function writerSession(io: WriterSessionIo): (line: string) => void {
  let token: string | undefined;
  // The process exits on cancel, which stops everything at once; a write in the engine's own
  // process cannot, so the run is also told (runWrite stops at its next step).
  const cancel = new AbortController();
  const send = (message: WriterOutput): void => {
    if (token !== undefined) io.out(`${JSON.stringify({ ...message, token })}\n`);
  };
  return (line) => {
    const command = parseWriterCommand(line);
    if (command === undefined) return;
    if (command.type === 'cancel') {
      if (token === undefined || command.token !== token) return;
      cancel.abort();
      io.exit(130);
      return;
    }
    if (token !== undefined) return;
    token = command.token;
    send({ type: 'ready' });
    runWrite(command, send, cancel.signal).then(
      () => io.exit(0),
      (error: unknown) => {
        send({ type: 'fatal', error: toErrorInfo(error) });
        io.exit(1);
      },
    );
  };
}
