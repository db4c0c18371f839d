// SPDX-License-Identifier: Apache-2.0
// A quick command's exit status must reach the caller even when the server sends the channel's
// confirmation, its output, its exit status and its close all at once (as a loaded board does:
// one read then holds them all). Against a real ssh2 server on loopback.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostShell } from '../../../src/main/shell/host-shell.js';
import type { ProcessExit } from '../../../src/main/shell/shell-process.js';

let server: ssh2.Server;
let port = 0;
const saved = { ...process.env };

beforeAll(async () => {
  process.env['BENCHTOP_HOME'] = mkdtempSync(join(tmpdir(), 'benchtop-ssh-exit-'));
  server = new ssh2.Server(
    { hostKeys: [ssh2.utils.generateKeyPairSync('ed25519').private] },
    (client) => {
      client.on('authentication', (context) => context.accept());
      client.on('session', (acceptSession) => {
        acceptSession().on('exec', (acceptExec, _reject, info) => {
          // Everything in one tick, so it leaves in one write.
          const stream = acceptExec();
          stream.write(`ran ${info.command}\n`);
          stream.exit(Number(info.command.split(' ')[1]));
          stream.end();
        });
      });
      client.on('error', () => undefined);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  process.env = { ...saved };
  await new Promise((resolve) => server.close(resolve));
});

function run(command: string): Promise<{ output: string; exit: ProcessExit }> {
  let output = '';
  return new Promise((resolve, reject) => {
    openHostShell(
      { board: 'loopback', address: '127.0.0.1', port },
      { command: [command], tty: false, cols: 80, rows: 24 },
      {
        data: (chunk) => (output += chunk.toString()),
        exit: (exit) => resolve({ output, exit }),
      },
    ).then((program) => program.end(), reject);
  });
}

describe('a command over ssh that ends at once', () => {
  it('reports its exit status every time', async () => {
    const runs = await Promise.all(Array.from({ length: 12 }, (_, i) => run(`exit ${i % 3}`)));
    runs.forEach((result, i) => {
      expect(result.output).toBe(`ran exit ${i % 3}\n`);
      expect(result.exit.status).toBe(i % 3);
    });
  });
});
