// SPDX-License-Identifier: Apache-2.0
// The only part of Benchtop that opens raw drives for writing, except a CLI that is root
// already (in-process-writer.ts). Started per flash by the engine (through pkexec/sudo when
// the engine is not root), it reads one start request on stdin, answers on stdout, and exits.
// Nothing else listens: the channel is this process's own stdio, and every line carries the
// run's token (writer-session.ts).
import { createInterface } from 'node:readline';
import { writerSession } from './writer-session.js';

// Some dependencies log to stdout; the protocol owns it, so their words go to stderr.
const protocolOut = process.stdout.write.bind(process.stdout);
console.log = (...args: unknown[]) => console.error(...args);
console.info = console.log;
console.warn = console.log;

let started = false;
const session = writerSession({
  out: (line) => {
    started = true;
    protocolOut(line);
  },
  exit: (code) => process.exit(code),
});

const lines = createInterface({ input: process.stdin });
lines.on('line', session);
// The engine went away (closed our stdin, or was killed): stop at once, whatever the phase,
// rather than run on unseen holding the drives. Exiting closes every drive; the private temp
// folder goes in its 'exit' handler.
lines.on('close', () => process.exit(started ? 130 : 2));
process.on('SIGTERM', () => process.exit(130));
