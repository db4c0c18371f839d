// SPDX-License-Identifier: Apache-2.0
// Most Linux desktops already run an avahi-daemon that owns org.freedesktop.Avahi on the system
// bus. These tests start one the way a desktop would (its own config, on the host's network,
// publishing nothing, never on eth0) and bring the rig up beside it: the rig must use it when
// it hears the boards, and say which config line to change when it does not.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { rigDown, rigUp } from '../rig/index.js';

const run = promisify(execFile);

interface SystemAvahi {
  pid: number;
  conf: string;
}

let dir: string;
let startedBus = false;
let daemon: SystemAvahi | undefined;

async function busRunning(): Promise<boolean> {
  const probe = run('dbus-send', [
    '--system',
    '--print-reply',
    '--dest=org.freedesktop.DBus',
    '/',
    'org.freedesktop.DBus.GetId',
  ]);
  return probe.then(
    () => true,
    () => false,
  );
}

/**
 * A desktop-like avahi-daemon on the host's network, with `filter` as its interface line. Its
 * config is bind-mounted over /etc/avahi/avahi-daemon.conf in a mount namespace of its own, so
 * it reads it from the usual place while the machine's own file stays untouched.
 */
async function startSystemAvahi(name: string, filter: string): Promise<SystemAvahi> {
  const conf = join(dir, `${name}.conf`);
  const systemConf = '/etc/avahi/avahi-daemon.conf';
  const runDir = join(dir, `${name}-run`);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(
    conf,
    `[server]\nuse-ipv4=yes\nuse-ipv6=no\n${filter}\nenable-dbus=yes\n` +
      `[publish]\ndisable-publishing=yes\n[wide-area]\nenable-wide-area=no\n`,
  );
  // Its pid file goes to a run dir of its own, so the machine's /run/avahi-daemon stays untouched.
  await run('unshare', [
    '-m',
    'sh',
    '-c',
    `mount --bind '${runDir}' /run/avahi-daemon && mount --bind '${conf}' ${systemConf} && ` +
      'exec avahi-daemon -D --no-drop-root --no-chroot',
  ]);
  return { pid: Number(readFileSync(join(runDir, 'pid'), 'utf8').trim()), conf: systemConf };
}

async function stopSystemAvahi(): Promise<void> {
  if (!daemon) return;
  process.kill(daemon.pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (existsSync(`/proc/${daemon.pid}`) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  daemon = undefined;
}

const alive = (pid: number): boolean => existsSync(`/proc/${pid}`);

describe('rig up on a machine that already runs avahi-daemon', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'benchtop-system-avahi-'));
    mkdirSync('/run/avahi-daemon', { recursive: true });
    if (!(await busRunning())) {
      mkdirSync('/run/dbus', { recursive: true });
      rmSync('/run/dbus/pid', { force: true });
      await run('dbus-daemon', ['--system', '--fork']);
      startedBus = true;
    }
  }, 60_000);

  afterEach(async () => {
    await rigDown();
    await stopSystemAvahi();
  }, 120_000);

  afterAll(async () => {
    if (startedBus) {
      const pid = Number(readFileSync('/run/dbus/pid', 'utf8').trim());
      process.kill(pid, 'SIGTERM');
      rmSync('/run/dbus/pid', { force: true });
      rmSync('/run/dbus/system_bus_socket', { force: true });
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('uses the running daemon when it hears the boards, and down leaves it running', async () => {
    daemon = await startSystemAvahi('desktop', 'deny-interfaces=eth0');
    const rig = await rigUp(2, { engine: false, console: false });
    expect(rig.hostAvahi).toBe(true);
    expect(readFileSync(join(rig.stateDir, 'host', 'avahi.reused'), 'utf8').trim()).toBe(
      String(daemon.pid),
    );
    // The peer tool, through the desktop's daemon, lists both boards.
    const { stdout } = await run('timeout', ['10', 'avahi-browse', '-rpt', '_ssh._tcp']);
    for (const board of rig.boards) expect(stdout).toContain(`${board.hostname}.local`);
    await rigDown();
    expect(alive(daemon.pid)).toBe(true);
  }, 180_000);

  it('stops with the allow-interfaces line to change when the running daemon cannot hear the boards', async () => {
    daemon = await startSystemAvahi('deaf', 'allow-interfaces=btnone0');
    const up = rigUp(1, { engine: false, console: false });
    await expect(up).rejects.toThrow(/allow-interfaces=btnone0/);
    await expect(up).rejects.toThrow(new RegExp(`pid ${daemon.pid}.*${daemon.conf}`));
    expect(alive(daemon.pid)).toBe(true);
  }, 180_000);
});
