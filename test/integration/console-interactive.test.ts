// SPDX-License-Identifier: Apache-2.0
// The interactive `benchtop console` in a real terminal (tmux): log in on a rig getty by typing,
// run a command, use the tio-like key commands, quit.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rigDown, rigUp, type Rig } from '../rig/index.js';
import { cliPath, startServe, tempHome } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

const session = `benchtop-console-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

/** `benchtop console PORT` in a 140x45 tmux session; the pane stays to show how it exited. */
function openConsoleInTmux(home: string, port: string): void {
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '140',
    '-y',
    '45',
    `BENCHTOP_HOME=${home} ${process.execPath} ${cliPath} console ${port}; echo "console exited $?"; sleep 30`,
  );
}

const screen = (): string => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session);

async function waitForScreen(pattern: RegExp, what: string, timeoutMs = 15_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; the screen shows:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sessionAlive = (): boolean => {
  const list = execFileSync('tmux', ['list-sessions', '-F', '#{session_name}'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString();
  return list.split('\n').includes(session);
};

describe('benchtop console (interactive, in tmux)', () => {
  let rig: Rig;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    if (!existsSync('/usr/bin/tmux')) {
      throw new Error('tmux is missing: install it with `apt-get install -y tmux` (.ci/run does).');
    }
    if (!existsSync(cliPath.replace(/bin\/benchtop\.js$/, 'dist/main/cli/index.js'))) {
      throw new Error('The CLI is not built: run `npm run build` first.');
    }
    rig = await rigUp(1, { engine: false, hostAvahi: false });
  });

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    execFileSync('tmux', ['kill-session', '-t', session], { stdio: 'ignore' });
    await rigDown();
  }, 60_000);

  it('logs in on a rig console by typing, runs a command, and answers Ctrl-T keys', async () => {
    const port = rig.boards[0]?.consolePath;
    if (!port) throw new Error('the rig board has no console');
    const password = readFileSync(rig.passwordFile, 'utf8').trim();
    const home = tempHome();
    openConsoleInTmux(home, port);
    await waitForScreen(/Connected to .*ttyBOARD0.*Ctrl-T \? for help/, 'the connected line');

    tmux('send-keys', '-t', session, 'Enter');
    await waitForScreen(/login: *$/m, 'the login prompt');
    tmux('send-keys', '-t', session, '-l', rig.user);
    tmux('send-keys', '-t', session, 'Enter');
    await waitForScreen(/Password: *$/m, 'the password prompt');
    tmux('send-keys', '-t', session, '-l', password);
    tmux('send-keys', '-t', session, 'Enter');
    await waitForScreen(/[$#] *$/m, 'the shell prompt');

    tmux('send-keys', '-t', session, '-l', 'echo typed-$((40+2))');
    tmux('send-keys', '-t', session, 'Enter');
    await waitForScreen(/^typed-42\s*$/m, 'the command output');

    // Ctrl-T ?: the key help.
    tmux('send-keys', '-t', session, 'C-t');
    tmux('send-keys', '-t', session, '-l', '?');
    await waitForScreen(/q\s+quit/, 'the key help');

    // Ctrl-T t: timestamps at the start of each line from now on.
    tmux('send-keys', '-t', session, 'C-t');
    tmux('send-keys', '-t', session, '-l', 't');
    await waitForScreen(/Timestamps on/, 'timestamps on');
    tmux('send-keys', '-t', session, '-l', 'echo stamped');
    tmux('send-keys', '-t', session, 'Enter');
    await waitForScreen(/^\[\d\d:\d\d:\d\d\.\d{3}\] stamped\s*$/m, 'a timestamped line');

    // Ctrl-T l clears the screen; Ctrl-T q quits with status 0.
    tmux('send-keys', '-t', session, 'C-t');
    tmux('send-keys', '-t', session, '-l', 'l');
    await waitForScreen(/^(?![\s\S]*typed-42)/, 'a cleared screen');
    tmux('send-keys', '-t', session, 'C-t');
    tmux('send-keys', '-t', session, '-l', 'q');
    const end = await waitForScreen(/console exited \d+/, 'the console to exit');
    expect(end).toMatch(/Disconnected\./);
    expect(end).toMatch(/console exited 0/);
    expect(sessionAlive()).toBe(true);
  });

  it('attaches through a running `benchtop serve`, shows the recent output, and both can type', async () => {
    const port = rig.boards[0]?.consolePath;
    if (!port) throw new Error('the rig board has no console');
    const serve = await startServe();
    cleanups.push(() => serve.stop());
    const ws = await connectWs(serve.port, serve.token);
    const shared = await ws.call('console.open', { path: port });
    await ws.call('console.write', { sessionId: shared.id, data: 'echo before-$((2*3))\r' });
    await new Promise((resolve) => setTimeout(resolve, 500));

    execFileSync('tmux', ['kill-session', '-t', session], { stdio: 'ignore' });
    openConsoleInTmux(serve.home, port);
    await waitForScreen(/shared with 1 other viewer/, 'the attached line');
    await waitForScreen(/^before-6\s*$/m, 'the recent output replayed');
    tmux('send-keys', '-t', session, '-l', 'echo from-tmux-$((3*3))');
    tmux('send-keys', '-t', session, 'Enter');
    await waitForScreen(/^from-tmux-9\s*$/m, 'the typed command’s output');
    const { data } = await ws.call('console.history', { sessionId: shared.id });
    expect(Buffer.from(data, 'base64').toString()).toContain('from-tmux-9');
    tmux('send-keys', '-t', session, 'C-t');
    tmux('send-keys', '-t', session, '-l', 'q');
    await waitForScreen(/console exited 0/, 'the console to exit');
    const [still] = await ws.call('console.list', {});
    expect(still?.viewers).toBe(1);
    ws.close();
    await serve.stop();
  });
});
