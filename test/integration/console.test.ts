// SPDX-License-Identifier: Apache-2.0
// Consoles against the rig's real agetty ptys: exec (login, output, exit status), sharing one
// port among viewers, surviving the pty going away, timestamped logs, and the bad inputs.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ContractClient } from '../../src/shared/client.js';
import type { ConsoleSession, ConsoleState } from '../../src/shared/contract/index.js';
import { createLocalTransport } from '../../src/main/contract/local-transport.js';
import { createEngine, type Engine } from '../../src/main/engine.js';
import { rigCommand, rigDown, rigUp, type Rig } from '../rig/index.js';
import { cliPath, startServe, tempHome, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}, user?: string): Promise<CliRun> {
  if (!existsSync(cliPath.replace(/bin\/benchtop\.js$/, 'dist/main/cli/index.js'))) {
    throw new Error('The CLI is not built: run `npm run build` before the integration tests.');
  }
  const command = user ? 'runuser' : process.execPath;
  const argv = user ? ['-u', user, '--', process.execPath, cliPath, ...args] : [cliPath, ...args];
  return new Promise((resolve) => {
    execFile(
      command,
      argv,
      { env: { ...process.env, ...env }, timeout: 60_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Resolves when the session reaches the state; events are checked as they come. */
function waitForState(
  client: ContractClient,
  sessionId: string,
  state: ConsoleState,
  timeoutMs = 20_000,
): Promise<ConsoleSession> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`session ${sessionId} did not become ${state} within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = client.on('console.state', (info) => {
      if (info.id === sessionId && info.state === state) {
        clearTimeout(timer);
        stop();
        resolve(info);
      }
    });
  });
}

/** Collects a session's output as text, from the events every viewer gets. */
function collect(client: ContractClient, sessionId: string): { text: () => string } {
  let text = '';
  client.on('console.data', (event) => {
    if (event.sessionId === sessionId) text += Buffer.from(event.data, 'base64').toString('utf8');
  });
  return { text: () => text };
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('consoles on the rig', () => {
  let rig: Rig;
  let engine: Engine;
  let client: ContractClient;
  let password: string;
  let home: string;
  const cleanups: (() => Promise<void>)[] = [];
  /** `benchtop console exec TARGET [extra] --user … --password-file … -- COMMAND`. */
  const execArgs = (target: string, command: string[], extra: string[] = []): string[] => [
    'console',
    'exec',
    target,
    ...extra,
    '--user',
    rig.user,
    '--password-file',
    rig.passwordFile,
    '--',
    ...command,
  ];
  const port = (i: number): string => {
    const path = rig.boards[i]?.consolePath;
    if (!path) throw new Error(`rig board ${i} has no console`);
    return path;
  };

  beforeAll(async () => {
    rig = await rigUp(3, { engine: false, hostAvahi: false });
    password = readFileSync(rig.passwordFile, 'utf8').trim();
    home = tempHome();
    process.env['BENCHTOP_HOME'] = home;
    engine = createEngine({ host: 'cli' });
    client = createClient(createLocalTransport(engine.dispatch, engine.bus));
  });

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await engine?.dispose();
    await rigDown();
  });

  it('exec logs in on the getty and prints `uname -a` (the CLI, as a person runs it)', async () => {
    const run = await runCli(execArgs(port(0), ['uname', '-a']), { BENCHTOP_HOME: tempHome() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Linux ${rig.boards[0]?.hostname} .*\\n$`));
  });

  it('exec exits with the command’s status, and the login survives for the next exec', async () => {
    const env = { BENCHTOP_HOME: tempHome() };
    const failing = await runCli(execArgs(port(0), ['echo before; exit 3']), env);
    expect(failing.code).toBe(3);
    expect(failing.stdout).toBe('before\n');
    const next = await client.call('console.exec', { path: port(0), command: 'whoami' });
    expect(next).toEqual({ output: `${rig.user}\n`, status: 0, loggedIn: false });
  });

  it('exec on a fresh console logs in, and `--json` gives output and status', async () => {
    const run = await runCli(execArgs(port(2), ['printf "%s\\n" a b; exit 7'], ['--json']), {
      BENCHTOP_HOME: tempHome(),
    });
    expect(run.code).toBe(7);
    expect(JSON.parse(run.stdout)).toEqual({ output: 'a\nb\n', status: 7, loggedIn: true });
  });

  it('two viewers and a CLI exec through `benchtop serve` share one port and see the same output', async () => {
    const serve: ServeProcess = await startServe();
    cleanups.push(() => serve.stop());
    const a = await connectWs(serve.port, serve.token);
    const b = await connectWs(serve.port, serve.token);
    const first = await a.call('console.open', { path: port(1) });
    const seenA = collect(a, first.id);
    const seenB = collect(b, first.id);
    const second = await b.call('console.open', { path: port(1) });
    expect(second.id).toBe(first.id);
    expect(second.viewers).toBe(2);

    const run = await runCli(execArgs(port(1), ['echo shared-$((6*7))']), {
      BENCHTOP_HOME: serve.home,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('shared-42\n');
    // A write from one viewer goes to the board; both see the board's answer.
    await b.call('console.write', { sessionId: first.id, data: 'echo typed-$((1+2))\r' });
    await until(
      () => seenA.text().includes('typed-3') && seenB.text().includes('typed-3'),
      'the echo in both viewers',
    );
    expect(seenA.text()).toContain('shared-42');
    expect(seenB.text()).toContain('shared-42');
    const [info] = await a.call('console.list', {});
    expect(info?.viewers).toBe(2);
    // A viewer that disconnects without closing (a tab closed) no longer holds the port.
    a.close();
    await expect
      .poll(async () => (await b.call('console.list', {}))[0]?.viewers, { timeout: 10_000 })
      .toBe(1);
    b.close();
    const c = await connectWs(serve.port, serve.token);
    await expect.poll(() => c.call('console.list', {}), { timeout: 10_000 }).toEqual([]);
    c.close();
    await serve.stop();
  });

  it('reconnects by itself when the pty goes away and comes back, and marks the gap', async () => {
    const session = await client.call('console.open', { path: port(2) });
    const seen = collect(client, session.id);
    const waiting = waitForState(client, session.id, 'waiting');
    await rigCommand(['console-break', '2']);
    const gone = await waiting;
    expect(gone.reason).toMatch(/went away/);
    const back = waitForState(client, session.id, 'connected');
    await rigCommand(['console-restore', '2']);
    const restored = await back;
    expect(restored.gaps).toHaveLength(1);
    expect(seen.text()).toMatch(/went away .*waiting for it to come back/);
    expect(seen.text()).toMatch(/is back at .*was lost/);
    // The new getty asks for a login again; exec does that by itself.
    const result = await client.call('console.exec', {
      path: port(2),
      command: 'echo after-the-gap',
      user: rig.user,
      password,
    });
    expect(result).toMatchObject({ output: 'after-the-gap\n', status: 0, loggedIn: true });
    await client.call('console.close', { sessionId: session.id });
  });

  it('logs to a file with a timestamp on every line', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'benchtop-log-')), 'board0.log');
    const session = await client.call('console.open', { path: port(0), logFile: log });
    expect(session.logFile).toBe(log);
    await client.call('console.exec', { path: port(0), command: 'echo one; echo two' });
    await client.call('console.close', { sessionId: session.id });
    const lines = readFileSync(log, 'utf8')
      .split('\n')
      // The shell's own terminal codes (bracketed paste on/off) may come before a stamp.
      // eslint-disable-next-line no-control-regex
      .map((line) => line.replace(/\x1b\[[0-9;?]*[@-~]|\r/g, ''))
      .filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
    expect(lines.some((line) => /Z one$/.test(line))).toBe(true);
    expect(lines.some((line) => /Z two$/.test(line))).toBe(true);
  });

  it('changes the rate in place and the framing by reopening, and the console keeps working', async () => {
    const session = await client.call('console.open', { path: port(1) });
    const slower = await client.call('console.settings', {
      sessionId: session.id,
      settings: { baudRate: 9600 },
    });
    expect(slower).toMatchObject({ state: 'connected', settings: { baudRate: 9600 } });
    const reframed = await client.call('console.settings', {
      sessionId: session.id,
      settings: { stopBits: 2 },
    });
    expect(reframed).toMatchObject({
      state: 'connected',
      settings: { baudRate: 9600, stopBits: 2 },
    });
    const run = await client.call('console.exec', {
      path: port(1),
      command: 'echo reframed',
      user: rig.user,
      password,
    });
    expect(run).toMatchObject({ output: 'reframed\n', status: 0 });
    // Remembered for the port: put back what the other tests expect.
    await client.call('console.settings', {
      sessionId: session.id,
      settings: { baudRate: 115200, stopBits: 1 },
    });
    await client.call('console.close', { sessionId: session.id });
  });

  it('a flood of binary output keeps memory bounded and the console usable', async () => {
    const session = await client.call('console.open', { path: port(0) });
    const flood = await client.call('console.exec', {
      path: port(0),
      command: 'head -c 2000000 /dev/urandom | od -An -tx1 -v 2>/dev/null | head -c 4000000',
      timeoutMs: 120_000,
    });
    expect(flood.output.length).toBe(4_000_000);
    const raw = await client.call('console.exec', {
      path: port(0),
      command: 'head -c 1000000 /dev/urandom; echo',
      timeoutMs: 120_000,
    });
    expect(raw.status).toBe(0);
    const history = await client.call('console.history', { sessionId: session.id });
    expect(Buffer.from(history.data, 'base64').length).toBeLessThanOrEqual(256 * 1024);
    const after = await client.call('console.exec', { path: port(0), command: 'echo still-here' });
    expect(after.output).toBe('still-here\n');
    await client.call('console.close', { sessionId: session.id });
  });

  it('the board going away mid-exec fails clearly, with a non-zero exit', async () => {
    const session = await client.call('console.open', { path: port(0) });
    // Settled into a value at once: the failure lands while the rig is still breaking the pty.
    const pending = client.call('console.exec', { path: port(0), command: 'sleep 20' }).then(
      () => new Error('exec should have failed'),
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await rigCommand(['console-break', '0']);
    const failure = await pending;
    expect(failure).toMatchObject({ code: 'TARGET_LOST' });
    expect(failure instanceof Error ? failure.message : '').toMatch(/went away while running/);
    // Watched before the restore: the console can be back (300 ms polls) before rig.sh returns.
    const back = waitForState(client, session.id, 'connected');
    await rigCommand(['console-restore', '0']);
    await back;
    await client.call('console.close', { sessionId: session.id });
  });

  it('bad inputs: a missing port, invalid settings', async () => {
    const missing = await runCli(['console', 'exec', '/dev/ttyNOPE9', '--', 'true'], {
      BENCHTOP_HOME: tempHome(),
    });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no serial port at \/dev\/ttyNOPE9/);

    const badBaud = await runCli(['console', 'exec', port(0), '--baud', 'fast', '--', 'true'], {
      BENCHTOP_HOME: tempHome(),
    });
    expect(badBaud.code).toBe(2);
    expect(badBaud.stderr).toMatch(/baudRate/);
    await expect(
      client.call('console.open', { path: port(0), settings: { baudRate: 12 } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const ports = await runCli(['ports', '--json'], { BENCHTOP_HOME: tempHome() });
    expect(ports.code).toBe(0);
    expect(Array.isArray(JSON.parse(ports.stdout))).toBe(true);
  });

  it('a port held by another program is refused, naming the program', async () => {
    const real = realpathSync(port(1));
    // flock(1) takes the same lock tio and serialport take on a port.
    // In its own process group: flock's child (sleep) holds the lock too, and must end with it.
    const holder: ChildProcess = spawn('flock', ['-x', real, 'sleep', '30'], {
      stdio: 'ignore',
      detached: true,
    });
    const release = async (): Promise<void> => {
      if (holder.exitCode !== null || holder.signalCode !== null || holder.pid === undefined)
        return;
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      process.kill(-holder.pid, 'SIGTERM');
      await exited;
    };
    cleanups.push(release);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = client.call('console.open', { path: port(1) });
    await expect(refused).rejects.toMatchObject({ code: 'BUSY' });
    await expect(refused).rejects.toThrow(/held open by .*(flock|sleep).*\(pid \d+\)/);
    await release();
    const free = await client.call('console.open', { path: port(1) });
    await client.call('console.close', { sessionId: free.id });
  });

  it('a port tied to a board opens and runs by the board’s name, and the tie is remembered', async () => {
    const env = { BENCHTOP_HOME: tempHome() };
    const board = rig.boards[2]?.hostname ?? '';
    const tie = await runCli(['ports', 'tie', port(2), board], env);
    expect(tie.code).toBe(0);
    const ties = await runCli(['ports', 'ties', '--json'], env);
    expect(JSON.parse(ties.stdout)).toEqual([{ board, path: port(2), present: true }]);
    const run = await runCli(execArgs(board, ['hostname']), env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${board}\n`);
    const unknown = await runCli(['console', 'exec', 'no-such-board', '--', 'true'], env);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/No port is tied to the board "no-such-board"/);
  });

  it('`benchtop console PORT --json` streams JSON lines for scripts and sends stdin as it is', async () => {
    const child = spawn(process.execPath, [cliPath, 'console', port(1), '--json'], {
      env: { ...process.env, BENCHTOP_HOME: tempHome() },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    cleanups.push(async () => void child.kill());
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const events = (): { event: string; text?: string }[] =>
      out
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { event: string; text?: string });
    await until(() => events().some((e) => e.event === 'console.open'), 'the console.open line');
    child.stdin.write('\r');
    await until(
      // The getty's login prompt, or the prompt of a shell an earlier test logged in.
      () => events().some((e) => e.event === 'console.data' && /login:|[$#] *$/.test(e.text ?? '')),
      'a prompt as a console.data line',
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('permission denied names the group that grants access', async () => {
    const run = await runCli(
      ['console', 'exec', port(1), '--', 'true'],
      { BENCHTOP_HOME: mkdtempSync(join(tmpdir(), 'bt-nobody-')) },
      'nobody',
    );
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/granted by the group \w+/);
  });
});
