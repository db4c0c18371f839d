// SPDX-License-Identifier: Apache-2.0
// The only part of Benchtop that opens raw drives for writing. Started per flash by the engine
// (through pkexec/sudo when the engine is not root), it reads one start request on stdin,
// answers on stdout, and exits. Nothing else listens: the channel is this process's own stdio,
// and every line carries the run's token.
import { createInterface } from 'node:readline';
import { toErrorInfo } from '../../../shared/error-core.js';
import { runWrite } from './run-write.js';
import type { WriterOutput } from './protocol.js';
import { parseWriterCommand } from './writer-command.js';

// Some dependencies log to stdout; the protocol owns it, so their words go to stderr.
const protocolOut = process.stdout.write.bind(process.stdout);
console.log = (...args: unknown[]) => console.error(...args);
console.info = console.log;
console.warn = console.log;

let token: string | undefined;

function send(message: WriterOutput): void {
  if (token === undefined) return;
  protocolOut(`${JSON.stringify({ ...message, token })}\n`);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = parseWriterCommand(line);
  if (command === undefined) return;
  if (command.type === 'cancel') {
    if (command.token === token) process.exit(130);
    return;
  }
  if (token !== undefined) return;
  token = command.token;
  send({ type: 'ready' });
  runWrite(command, send).then(
    () => process.exit(0),
    (error: unknown) => {
      send({ type: 'fatal', error: toErrorInfo(error) });
      process.exit(1);
    },
  );
});
// The engine went away (closed our stdin, or was killed): stop at once, whatever the phase,
// rather than run on unseen holding the drives. Exiting closes every drive; the private temp
// folder goes in its 'exit' handler.
lines.on('close', () => process.exit(token === undefined ? 2 : 130));
process.on('SIGTERM', () => process.exit(130));
