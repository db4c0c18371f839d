// SPDX-License-Identifier: Apache-2.0
// What other viewers see of `console exec` (one line and the output, never its login, typing or
// markers), exec refusing to run as another user than the one logged in, and a log ending with
// the CLI that asked for it. Against `benchtop serve` and rig gettys; needs `npm run build`.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src/shared/client.js';
import { rigDown, rigUp, type Rig } from '../rig/index.js';
import { cliPath, startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(home: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { env: { ...process.env, BENCHTOP_HOME: home }, timeout: 60_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A session's output as a viewer gets it. */
function collect(client: ContractClient, sessionId: string): () => string {
  let text = '';
  client.on(
    'console.data',
    (event) => (text += Buffer.from(event.data, 'base64').toString('utf8')),
    { key: sessionId },
  );
  return () => text;
}

describe('console exec as other viewers see it', () => {
  let rig: Rig;
  let serve: ServeProcess;
  let viewer: ContractClient;
  const port = (i: number): string => rig.boards[i]?.consolePath ?? '';
  const exec = (i: number, command: string, extra: string[] = []): Promise<CliRun> =>
    runCli(serve.home, [
      'console',
      'exec',
      port(i),
      ...extra,
      '--password-file',
      rig.passwordFile,
      '--',
      command,
    ]);

  beforeAll(async () => {
    if (!existsSync(cliPath.replace(/bin\/benchtop\.js$/, 'dist/main/cli/index.js'))) {
      throw new Error('The CLI is not built: run `npm run build` before the integration tests.');
    }
    rig = await rigUp(2, { engine: false, hostAvahi: false });
    serve = await startServe();
    viewer = await connectWs(serve.port, serve.token);
  });

  afterAll(async () => {
    viewer?.close();
    await serve?.stop();
    await rigDown();
  });

  it('shows one line and the output, not the login, the typing or the markers', async () => {
    const session = await viewer.call('console.open', {
      path: port(0),
      logFile: 'exec.log',
      logOwner: 'the test viewer',
    });
    const seen = collect(viewer, session.id);
    const run = await exec(0, 'echo hidden-$((2*3)); exit 4', ['--user', rig.user]);
    expect(run.stdout).toBe('hidden-6\n');
    expect(run.code).toBe(4);
    await expect
      .poll(seen)
      .toMatch(/\[benchtop\] exec: echo hidden-\$\(\(2\*3\)\); exit 4 → exit 4/);
    // The output follows the line, then the shell's next prompt.
    // eslint-disable-next-line no-control-regex -- the marker line ends its reverse video
    await expect.poll(seen).toMatch(/exit 4\x1b\[0m\r\nhidden-6\r\n/);
    const { data } = await viewer.call('console.history', { sessionId: session.id });
    const log = readFileSync(join(serve.home, 'logs', 'exec.log'), 'utf8');
    for (const text of [seen(), Buffer.from(data, 'base64').toString('utf8'), log]) {
      expect(text).not.toMatch(/BTBEGIN|BTEND|BTREADY|printf/);
      expect(text).not.toContain('Password:');
    }
    expect(log).toMatch(/Z \[benchtop\] exec: echo hidden-.* → exit 4\n/);
    expect(log).toMatch(/Z hidden-6\r?\n/);
    // Typing goes on as before once exec is done.
    await viewer.call('console.write', { sessionId: session.id, data: 'echo typed-$((1+1))\r' });
    await expect.poll(seen).toMatch(/^typed-2\r?$/m);
  });

  it('refuses --user root while another user is logged in, and runs nothing', async () => {
    const marker = `/tmp/benchtop-exec-as-root-${process.pid}`;
    const run = await exec(0, `touch ${marker}`, ['--user', 'root']);
    // BUSY: refused, exit 4.
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`is logged in as ${rig.user}, not root`);
    expect(run.stderr).toContain('Log out there first');
    expect(existsSync(marker)).toBe(false);
    // Asking for the user who is logged in runs; leaving --user out runs as whoever it is.
    expect((await exec(0, 'id -un', ['--user', rig.user])).stdout).toBe(`${rig.user}\n`);
    expect((await exec(0, 'id -un')).stdout).toBe(`${rig.user}\n`);
  });

  it('ends a log when the CLI that asked for it quits, while others still watch', async () => {
    const session = await viewer.call('console.open', { path: port(1) });
    const child = spawn(
      process.execPath,
      [cliPath, 'console', port(1), '--json', '--log', join(serve.home, 'cli.log'), '--log-plain'],
      { env: { ...process.env, BENCHTOP_HOME: serve.home }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const info = async () =>
      (await viewer.call('console.list', {})).find((s) => s.id === session.id);
    await expect
      .poll(async () => (await info())?.logOwner, { timeout: 15_000 })
      .toBe(`benchtop console (pid ${child.pid})`);
    expect((await info())?.logPlain).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await expect.poll(async () => (await info())?.logFile, { timeout: 10_000 }).toBeUndefined();
    expect((await info())?.state).toBe('connected');
    expect(readFileSync(join(serve.home, 'cli.log'), 'utf8')).toMatch(
      /\[benchtop\] log ended: its owner (went away|left the console)\n$/,
    );
  });
});
