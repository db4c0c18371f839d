// SPDX-License-Identifier: Apache-2.0
// The virtual bench board rig itself: two boards come up with an engine, an mDNS advert and a
// getty console each, and `down` leaves nothing of them behind. Needs root and the rig's tools;
// on a machine without them `rigUp` fails loudly, naming what is missing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';
import {
  rigCommand,
  rigDown,
  rigStatus,
  rigUp,
  type Rig,
  type RigBoard,
  type RigBoardLive,
} from '../rig/index.js';

const run = promisify(execFile);
const RIG_PROCESS_NAMES = ['dockerd', 'containerd', 'avahi-daemon', 'socat', 'agetty'];

interface Proc {
  pid: number;
  state: string;
  comm: string;
}

async function processes(): Promise<Proc[]> {
  const { stdout } = await run('ps', ['-e', '-o', 'pid=,stat=,comm=']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([pid, state, comm]) => ({ pid: Number(pid), state: state ?? '', comm: comm ?? '' }));
}

/** Live (not zombie) processes with one of the names the rig starts. */
async function rigNamedProcesses(): Promise<Proc[]> {
  return (await processes()).filter(
    (p) => !p.state.startsWith('Z') && RIG_PROCESS_NAMES.includes(p.comm),
  );
}

/** PIDs whose environment carries the marker rig.sh exports to everything it starts. */
async function markedPids(stateDir: string): Promise<number[]> {
  const { stdout } = await run('sh', [
    '-c',
    'grep -lsaxzF "BENCHTOP_RIG_OWNER=$1" /proc/[0-9]*/environ || true',
    'sh',
    stateDir,
  ]);
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => Number(l.split('/')[2]));
}

interface Advert {
  iface: string;
  name: string;
  host: string;
  address: string;
  port: string;
}

/** `avahi-browse -rpt` through the rig's host avahi, until `done` holds (or 30 s pass). */
async function browseUntil(type: string, done: (adverts: Advert[]) => boolean): Promise<Advert[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { stdout } = await run('timeout', ['10', 'avahi-browse', '-rpt', type]);
    const adverts: Advert[] = stdout
      .split('\n')
      .filter((l) => l.startsWith('='))
      .map((l) => l.split(';'))
      .map((f) => ({
        iface: f[1] ?? '',
        name: f[3] ?? '',
        host: f[6] ?? '',
        address: f[7] ?? '',
        port: f[8] ?? '',
      }));
    if (done(adverts) || Date.now() > deadline) return adverts;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const advertised = (adverts: Advert[], b: RigBoard): boolean =>
  adverts.some((a) => a.host === `${b.hostname}.local`);

async function liveOf(index: number): Promise<RigBoardLive> {
  const status = await rigStatus();
  const board = status.up ? status.boards[index] : undefined;
  if (!board) throw new Error(`rig status has no board ${index}: ${JSON.stringify(status)}`);
  return board.live;
}

async function ping(b: RigBoard): Promise<string> {
  const res = await fetch(`http://${b.address}:2375/_ping`, { signal: AbortSignal.timeout(5000) });
  return res.text();
}

/** Opens a console pty as a serial port, sends Enter, and collects output until `pattern`. */
async function readConsole(path: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  let text = '';
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    port.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    port.write('\r');
  });
  await new Promise<void>((resolve) => port.close(() => resolve()));
  return text;
}

describe('virtual bench board rig', () => {
  let rig: Rig;
  let before: Proc[];

  beforeAll(async () => {
    before = await rigNamedProcesses();
    rig = await rigUp(2);
  }, 300_000);

  afterAll(async () => {
    await rigDown();
  }, 300_000);

  it('describes two live boards', () => {
    expect(rig.user).toBe('bench');
    expect(readFileSync(rig.passwordFile, 'utf8').trim()).toMatch(/^\S{8,}$/);
    expect(rig.boards.map((b) => b.address)).toEqual(['10.231.0.2', '10.231.1.2']);
    for (const b of rig.boards) {
      expect(b.hostname).toMatch(/^[0-9a-f]{7}$/);
      expect(b.dockerHost).toBe(`tcp://${b.address}:2375`);
      expect(b.consolePath).toBe(`${rig.stateDir}/ttyBOARD${b.index}`);
      expect(b.live).toEqual({
        link: true,
        advertising: true,
        ssh: true,
        engine: true,
        console: true,
      });
    }
    expect(new Set(rig.boards.map((b) => b.hostname)).size).toBe(2);
  });

  it('runs a Docker engine on each board, and no supervisor', async () => {
    for (const b of rig.boards) {
      const res = await fetch(`http://${b.address}:2375/_ping`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('OK');
      const images = (await (await fetch(`http://${b.address}:2375/images/json`)).json()) as {
        RepoTags: string[] | null;
      }[];
      expect(images.flatMap((i) => i.RepoTags ?? [])).toContain('bench/busybox:latest');
      await expect(
        fetch(`http://${b.address}:48484/ping`, { signal: AbortSignal.timeout(3000) }),
      ).rejects.toThrow();
    }
  }, 120_000);

  it('advertises each board like a balenaOS development device', async () => {
    for (const type of ['_ssh._tcp', '_resin-device._sub._ssh._tcp']) {
      const adverts = await browseUntil(type, (ads) => rig.boards.every((b) => advertised(ads, b)));
      for (const b of rig.boards) {
        expect(adverts).toContainEqual({
          iface: b.hostInterface,
          name: b.hostname,
          host: `${b.hostname}.local`,
          address: b.address,
          port: '22222',
        });
      }
      // Only the rig's veths are browsed, never the machine's uplink.
      expect(adverts.every((a) => /^btv\d+$/.test(a.iface))).toBe(true);
    }
  }, 120_000);

  it('gives each board a serial console with a getty login', async () => {
    for (const b of rig.boards) {
      const text = await readConsole(b.consolePath ?? '', /login: ?$/m, 15_000);
      expect(text).toContain(`${b.hostname} login:`);
    }
  }, 120_000);

  it('takes a board off the network, its advert, engine and console away, and back', async () => {
    const [other, b] = rig.boards;
    if (!other || !b) throw new Error('the rig should have two boards');

    await rigCommand(['net-off', '1']);
    expect(await liveOf(1)).toMatchObject({ link: false, ssh: false, engine: false });
    expect((await liveOf(0)).link).toBe(true);
    await expect(ping(b)).rejects.toThrow();
    await rigCommand(['net-on', '1']);
    expect(await ping(b)).toBe('OK');

    await rigCommand(['advert-off', '1']);
    let adverts = await browseUntil('_ssh._tcp', (ads) => !advertised(ads, b));
    expect(advertised(adverts, b)).toBe(false);
    expect(advertised(adverts, other)).toBe(true);
    await rigCommand(['advert-on', '1']);
    adverts = await browseUntil('_ssh._tcp', (ads) => advertised(ads, b));
    expect(advertised(adverts, b)).toBe(true);

    await rigCommand(['engine-stop', '1']);
    expect(await liveOf(1)).toMatchObject({ link: true, engine: false });
    await expect(ping(b)).rejects.toThrow();
    await rigCommand(['engine-start', '1']);
    expect(await ping(b)).toBe('OK');

    await rigCommand(['console-break', '1']);
    expect(existsSync(b.consolePath ?? '')).toBe(false);
    expect((await liveOf(1)).console).toBe(false);
    await rigCommand(['console-restore', '1']);
    expect(await readConsole(b.consolePath ?? '', /login: ?$/m, 15_000)).toContain('login:');
    expect(await liveOf(1)).toEqual({
      link: true,
      advertising: true,
      ssh: true,
      engine: true,
      console: true,
    });
  }, 120_000);

  it('comes down leaving no namespace, link, process or mount behind', async () => {
    const during = await rigNamedProcesses();
    const started = during.filter((p) => !before.some((q) => q.pid === p.pid));
    expect(started.map((p) => p.comm)).toEqual(
      expect.arrayContaining(['dockerd', 'containerd', 'avahi-daemon', 'socat', 'agetty']),
    );
    expect((await markedPids(rig.stateDir)).length).toBeGreaterThan(0);

    await rigDown();

    const { stdout: netns } = await run('ip', ['netns', 'list']);
    expect(netns).not.toMatch(/^btboard\d+/m);
    const { stdout: links } = await run('ip', ['-o', 'link', 'show']);
    expect(links).not.toMatch(/^\d+: btv\d+[@:]/m);
    const after = await rigNamedProcesses();
    expect(after.filter((p) => started.some((q) => q.pid === p.pid && q.comm === p.comm))).toEqual(
      [],
    );
    expect(await markedPids(rig.stateDir)).toEqual([]);
    const mountPoints = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4] ?? '');
    expect(mountPoints.filter((m) => m.startsWith(rig.stateDir))).toEqual([]);
    expect(existsSync(rig.stateDir)).toBe(false);
  }, 120_000);
});
