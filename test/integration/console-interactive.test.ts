// SPDX-License-Identifier: Apache-2.0
// The interactive `benchtop console` in a real terminal (tmux): log in on a rig getty by typing,
// run a command, use the tio-like key commands, quit.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rigDown, rigUp, type Rig } from '../rig/index.js';
import { cliPath, startServe, tempHome } from '../support/serve-process.js';
import { tmuxSession } from '../support/tmux.js';
import { connectWs } from '../support/ws-client.js';

const terminal = tmuxSession(`benchtop-console-${process.pid}`);

/** `benchtop console PORT` in a 140x45 tmux session; the pane stays to show how it exited. */
function openConsoleInTmux(home: string, port: string): void {
  terminal.start(
    `BENCHTOP_HOME=${home} ${process.execPath} ${cliPath} console ${port}; echo "console exited $?"; sleep 30`,
    140,
    45,
  );
}

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
    terminal.kill();
    await rigDown();
  }, 60_000);

  it('logs in on a rig console by typing, runs a command, and answers Ctrl-T keys', async () => {
    const port = rig.boards[0]?.consolePath;
    if (!port) throw new Error('the rig board has no console');
    const password = readFileSync(rig.passwordFile, 'utf8').trim();
    const home = tempHome();
    openConsoleInTmux(home, port);
    await terminal.waitForScreen(
      /Connected to .*ttyBOARD0.*Ctrl-T \? for help/,
      'the connected line',
    );

    terminal.keys('Enter');
    await terminal.waitForScreen(/login: *$/m, 'the login prompt');
    terminal.typeLine(rig.user);
    await terminal.waitForScreen(/Password: *$/m, 'the password prompt');
    terminal.typeLine(password);
    await terminal.waitForScreen(/[$#] *$/m, 'the shell prompt');

    terminal.typeLine('echo typed-$((40+2))');
    await terminal.waitForScreen(/^typed-42\s*$/m, 'the command output');

    // Ctrl-T ?: the key help.
    terminal.keys('C-t');
    terminal.write('?');
    await terminal.waitForScreen(/q\s+quit/, 'the key help');

    // Ctrl-T t: timestamps at the start of each line from now on.
    terminal.keys('C-t');
    terminal.write('t');
    await terminal.waitForScreen(/Timestamps on/, 'timestamps on');
    terminal.typeLine('echo stamped');
    await terminal.waitForScreen(/^\[\d\d:\d\d:\d\d\.\d{3}\] stamped\s*$/m, 'a timestamped line');

    // Ctrl-T l clears the screen; Ctrl-T q quits with status 0.
    terminal.keys('C-t');
    terminal.write('l');
    await terminal.waitForScreen(/^(?![\s\S]*typed-42)/, 'a cleared screen');
    terminal.keys('C-t');
    terminal.write('q');
    const end = await terminal.waitForScreen(/console exited \d+/, 'the console to exit');
    expect(end).toMatch(/Disconnected\./);
    expect(end).toMatch(/console exited 0/);
    expect(terminal.alive()).toBe(true);
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

    terminal.kill();
    openConsoleInTmux(serve.home, port);
    await terminal.waitForScreen(/shared with 1 other viewer/, 'the attached line');
    await terminal.waitForScreen(/^before-6\s*$/m, 'the recent output replayed');
    terminal.typeLine('echo from-tmux-$((3*3))');
    await terminal.waitForScreen(/^from-tmux-9\s*$/m, 'the typed command’s output');
    const { data } = await ws.call('console.history', { sessionId: shared.id });
    expect(Buffer.from(data, 'base64').toString()).toContain('from-tmux-9');
    terminal.keys('C-t');
    terminal.write('q');
    await terminal.waitForScreen(/console exited 0/, 'the console to exit');
    const [still] = await ws.call('console.list', {});
    expect(still?.viewers).toBe(1);
    ws.close();
    await serve.stop();
  });
});
