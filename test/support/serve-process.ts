// SPDX-License-Identifier: Apache-2.0
// Runs the real `benchtop serve` (built CLI) as a child process on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../../bin/benchtop.js', import.meta.url));

export interface ServeProcess {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly home: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** A fresh BENCHTOP_HOME per test file keeps saved settings and server state apart. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'benchtop-home-'));
}

export async function startServe(
  options: { home?: string; args?: string[] } = {},
): Promise<ServeProcess> {
  const home = options.home ?? tempHome();
  const child = spawn(
    process.execPath,
    [cliPath, 'serve', '--port', '0', '--json', ...(options.args ?? [])],
    {
      env: { ...process.env, BENCHTOP_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve(line);
    });
    child.once('exit', (code) =>
      reject(new Error(`benchtop serve exited with ${code}: ${stderr}`)),
    );
  });
  const reply = JSON.parse(first) as {
    url: string;
    port: number;
    token: string;
    error?: { message: string };
  };
  if (reply.error) throw new Error(`benchtop serve refused: ${reply.error.message}`);
  const { url, port, token } = reply;
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    port,
    token,
    home,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
