// SPDX-License-Identifier: Apache-2.0
// `benchtop shell` on a rig board: a service's container through the board's real dockerd, and
// the host OS through the board's real sshd on 22222 (its namespace, its hostname), as a script
// runs it and in a real terminal (tmux). Root and the rig's tools; run under the rig lock.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerClient } from '../../src/main/docker/index.js';
import { removeProjects, runLabelled } from '../fixtures/push-containers.js';
import { rigCommand, rigDown, rigUp, type Rig, type RigBoard } from '../rig/index.js';
import { runCli } from '../support/benchtop-cli.js';
import { cliPath, startServe, tempHome, type ServeProcess } from '../support/serve-process.js';
import { tmux, tmuxSession } from '../support/tmux.js';
import { connectWs } from '../support/ws-client.js';

let rig: Rig;
let board: RigBoard;
let docker: Docker;
let webId: string;
const project = 'shelldemo';

/** `benchtop shell` with its own home; the rig's key is Benchtop's way in unless `env` says not. */
const shell = (args: readonly string[], home: string, env: NodeJS.ProcessEnv = {}) =>
  runCli(['shell', ...args], home, { BENCHTOP_SSH_KEY: rig.sshKey, ...env });

beforeAll(async () => {
  rig = await rigUp(1, { console: false, hostAvahi: false });
  const first = rig.boards[0];
  if (!first) throw new Error('the rig has no board 0');
  board = first;
  docker = await createDockerClient(board.address);
  webId = await runLabelled(docker, { project, service: 'web', script: 'sleep 100000' });
  await runLabelled(docker, { project, service: 'worker', script: 'sleep 100000' });
}, 180_000);

afterAll(async () => {
  await removeProjects(docker, [project]);
  await rigDown();
}, 150_000);

describe('a shell in a service container', () => {
  it('runs a command and exits with its status', async () => {
    const home = tempHome();
    const run = await shell([board.address, 'web', '--', 'exit', '3'], home);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
  });

  it('prints what the command prints: the container’s hostname', async () => {
    const hostname = (await docker.getContainer(webId).inspect()).Config.Hostname;
    const run = await shell([board.address, 'web', '--', 'cat', '/etc/hostname'], tempHome());
    expect(run.stdout).toBe(`${hostname}\n`);
    expect(run.code).toBe(0);
  });

  it('gives scripts one JSON object with the status and the output of each stream', async () => {
    const run = await shell(
      [board.address, 'web', '--json', '--', 'echo out; echo err >&2; exit 5'],
      tempHome(),
    );
    expect(run.code).toBe(5);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 5,
      containerId: webId,
      stdout: 'out\n',
      stderr: 'err\n',
      target: { kind: 'service', service: 'web' },
    });
  });

  it('names the running services when the one asked for is not there', async () => {
    const run = await shell([board.address, 'nosuch', '--', 'true'], tempHome());
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `No service or container "nosuch" on ${board.address}. Running: web (${project}), worker (${project}).`,
    );
  });
});

describe('a shell on the host OS', () => {
  it('logs in over ssh on 22222 and runs in the board’s namespace, passing the status on', async () => {
    const home = tempHome();
    const run = await shell(
      [board.address, '--', 'hostname; ip -4 -o addr show eth0; exit 7'],
      home,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(7);
    expect(run.stdout).toContain(`${board.hostname}\n`);
    expect(run.stdout).toContain(`inet ${board.address}/24`);
    // The board's host key is now recorded in Benchtop's home.
    expect(readFileSync(join(home, 'ssh', 'known_hosts'), 'utf8')).toMatch(
      new RegExp(`^\\[${board.address.replace(/\./g, '\\.')}\\]:22222 ssh-ed25519 `, 'm'),
    );
  });

  it('refuses a board whose host key changed, saying how to accept the new one', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'ssh'), { recursive: true });
    // Another board's key recorded for this address: what a reflashed board (or another
    // machine at its address) looks like.
    const other = execFileSync('ssh-keygen', ['-y', '-f', rig.sshKey], { encoding: 'utf8' });
    writeFileSync(
      join(home, 'ssh', 'known_hosts'),
      `[${board.address}]:22222 ${other.split(' ').slice(0, 2).join(' ')}\n`,
    );
    const run = await shell([board.address, '--', 'true'], home);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('is not the one recorded: refusing to log in');
    expect(run.stderr).toContain(`ssh-keygen -R '[${board.address}]:22222'`);
  });

  it('says the login was refused, and what was tried, when no key the board takes is at hand', async () => {
    const run = await shell([board.address, '--', 'true'], tempHome(), {
      BENCHTOP_SSH_KEY: '',
      SSH_AUTH_SOCK: '',
      HOME: tempHome(),
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /refused the ssh login as root \(tried no password, Benchtop’s own key/,
    );
  });

  it('says the board is unreachable when it is off the network', async () => {
    await rigCommand(['net-off', '0']);
    try {
      const run = await shell([board.address, '--', 'true'], tempHome());
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(
        `Cannot reach ssh on ${board.address} at ${board.address}:22222`,
      );
    } finally {
      await rigCommand(['net-on', '0']);
    }
  });
});

describe('shells over the WebSocket API', () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    // The server's engine logs in to the host OS with the rig's key too.
    process.env['BENCHTOP_SSH_KEY'] = rig.sshKey;
    serve = await startServe();
  }, 30_000);

  afterAll(async () => {
    await serve.stop();
    delete process.env['BENCHTOP_SSH_KEY'];
  });

  it('sends a shell’s output and end to its subscribers only, and closes it when its client leaves', async () => {
    const client = await connectWs(serve.port, serve.token);
    const other = await connectWs(serve.port, serve.token);
    const sessionId = randomUUID();
    const output: string[] = [];
    const strays: string[] = [];
    other.on('shell.data', (event) => strays.push(event.sessionId), { key: randomUUID() });
    client.on('shell.data', (event) => output.push(atob(event.data)), { key: sessionId });
    const ended = new Promise<number | null>((resolve) =>
      client.on('shell.exit', (event) => resolve(event.exit.status), { key: sessionId }),
    );
    const opened = await client.call('shell.open', {
      board: board.address,
      sessionId,
      target: { kind: 'service', service: 'worker' },
      tty: true,
      cols: 100,
      rows: 30,
    });
    expect(opened).toMatchObject({ id: sessionId, state: 'open', tty: true, cols: 100 });
    expect(['/bin/sh', '/bin/bash']).toContain(opened.command[0]);
    await client.call('shell.write', { sessionId, data: 'stty size; exit 9\r' });
    expect(await ended).toBe(9);
    expect(output.join('')).toContain('30 100');
    expect(strays).toEqual([]);
    const history = await other.call('shell.history', { sessionId });
    expect(history.session).toMatchObject({ state: 'exited', exit: { status: 9 } });

    const lasting = await client.call('shell.open', {
      board: board.address,
      target: { kind: 'host' },
    });
    expect((await other.call('shell.list', {})).map((s) => s.id)).toContain(lasting.id);
    client.close();
    await expect
      .poll(async () => (await other.call('shell.list', {})).map((s) => s.id))
      .not.toContain(lasting.id);
    other.close();
  });

  it('refuses to open a shell over one-shot HTTP, which could never close it', async () => {
    const response = await fetch(`http://127.0.0.1:${serve.port}/api/shell.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ board: board.address }),
    });
    const body = (await response.json()) as { error?: { code: string } };
    expect(body.error?.code).toBe('UNSUPPORTED');
  });
});

describe('an interactive shell in a terminal (tmux)', () => {
  const terminal = tmuxSession(`benchtop-shell-${process.pid}`);
  const session = terminal.name;

  afterAll(() => {
    terminal.kill();
  });

  it('shows a prompt, runs what is typed, follows the terminal’s size, and exits with the shell’s status', async () => {
    terminal.start(
      `BENCHTOP_HOME=${tempHome()} ${process.execPath} ${cliPath} shell ${board.address} web; echo "shell exited $?"; sleep 30`,
      120,
      40,
    );
    await terminal.waitForScreen(/[#$] *$/m, 'the container shell prompt');
    terminal.typeLine('echo typed-$((40+2))');
    await terminal.waitForScreen(/^typed-42\s*$/m, 'the command output');
    // The pane's size (tmux's status line takes a row of the window).
    const paneSize = (): string =>
      tmux('display-message', '-p', '-t', session, '#{pane_height} #{pane_width}').trim();
    terminal.typeLine('stty size');
    await terminal.waitForScreen(new RegExp(`^${paneSize()}\\s*$`, 'm'), 'the first size');
    tmux('resize-window', '-t', session, '-x', '100', '-y', '30');
    expect(paneSize()).toMatch(/^\d+ 100$/);
    terminal.typeLine('stty size');
    await terminal.waitForScreen(new RegExp(`^${paneSize()}\\s*$`, 'm'), 'the size after a resize');
    terminal.typeLine('exit 6');
    const end = await terminal.waitForScreen(/shell exited \d+/, 'the shell to exit');
    expect(end).toMatch(/shell exited 6/);
  });
});
