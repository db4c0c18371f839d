// SPDX-License-Identifier: Apache-2.0
// The built CLI as a child process, with its own BENCHTOP_HOME, without blocking this process.
import { spawn } from 'node:child_process';
import { cliPath } from './serve-process.js';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI run to its end; `env` adds to (or, with '', empties) this process's environment. */
export function runCli(
  args: readonly string[],
  home: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { ...process.env, BENCHTOP_HOME: home, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI left running (stdin at its end from the start), its output gathered as it comes. */
export function startCli(args: readonly string[], home: string) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { ...process.env, BENCHTOP_HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output, exited };
}
