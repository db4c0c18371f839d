// SPDX-License-Identifier: Apache-2.0
// Discovery against the virtual bench: three boards with real avahi adverts, real dockerds, an
// ssh stand-in and no supervisor. Browsing is limited to the rig's own interfaces (btv*).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient, type ContractClient } from '../../src/shared/client.js';
import type { Board, DeviceChange } from '../../src/shared/contract/index.js';
import { createDispatch } from '../../src/main/contract/dispatch.js';
import { EventBus } from '../../src/main/contract/event-bus.js';
import type { Handlers } from '../../src/main/contract/handlers.js';
import { createLocalTransport } from '../../src/main/contract/local-transport.js';
import { createDevicesService } from '../../src/main/discover/index.js';
import { cliPath } from '../support/serve-process.js';
import { rigCommand, rigDown, rigUp, type Rig, type RigBoard } from '../rig/index.js';

const run = promisify(execFile);
const home = mkdtempSync(join(tmpdir(), 'benchtop-devices-'));
process.env['BENCHTOP_HOME'] = home;

let rig: Rig;
let client: ContractClient;
let dispose: () => Promise<void>;
const changes: DeviceChange[] = [];

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The boards heard over mDNS now (a board that left stays listed, marked `left`). */
const mdnsBoards = async (): Promise<Board[]> =>
  (await client.call('devices.list', {})).filter((b) => b.source === 'mdns' && !b.left);

const listedBoard = async (board: RigBoard): Promise<Board | undefined> =>
  (await mdnsBoards()).find((b) => b.address === board.address);

const rigBoard = (i: number): RigBoard => {
  const board = rig.boards[i];
  if (!board) throw new Error(`the rig has no board ${i}`);
  return board;
};

beforeAll(async () => {
  rig = await rigUp(3, { console: false, hostAvahi: false });
  const bus = new EventBus();
  bus.on('devices.changed', (change) => changes.push(change));
  // Faster rounds than the defaults, so leaving is noticed within a test's patience.
  const service = createDevicesService({
    bus,
    host: 'cli',
    timings: { queryIntervalMs: 2000, interfacePollMs: 300, silentAfterMs: 6000 },
    probeIntervalMs: 1000,
  });
  dispose = () => service.dispose?.() ?? Promise.resolve();
  const dispatch = createDispatch(service.handlers as Handlers);
  client = createClient(createLocalTransport(dispatch, bus));
  const status = await client.call('devices.browse', { interfaces: ['btv*'] });
  expect(status.active.every((i) => i.name.startsWith('btv'))).toBe(true);
});

afterAll(async () => {
  await dispose?.();
  await rigDown();
});

describe('devices on the rig', () => {
  it('finds the three boards with their engine version and architecture, ssh open, no supervisor', async () => {
    const boards = await until('three probed boards', async () => {
      const list = await mdnsBoards();
      return list.length === 3 &&
        list.every(
          (b) =>
            b.engineState === 'up' && b.ssh.state !== 'pending' && b.supervisor.state !== 'pending',
        )
        ? list
        : undefined;
    });
    for (const rb of rig.boards) {
      const board = boards.find((b) => b.address === rb.address);
      expect(board).toMatchObject({
        name: rb.hostname,
        hostname: `${rb.hostname}.local`,
        interface: rb.hostInterface,
        sshPort: 22222,
        engineState: 'up',
        supervisor: { state: 'down' },
        ssh: { state: 'up', banner: expect.stringMatching(/^SSH-2\.0-/) as unknown },
      });
      expect(board?.engine?.version).toMatch(/^\d+\.\d+/);
      expect(board?.engine?.apiVersion).toMatch(/^1\.\d+$/);
      expect(board?.engine?.arch).toBe(process.arch === 'x64' ? 'amd64' : process.arch);
    }
  });

  it('re-announcements and repeated queries do not duplicate a board', async () => {
    await client.call('devices.refresh', {});
    await new Promise((r) => setTimeout(r, 1500));
    const boards = await mdnsBoards();
    expect(new Set(boards.map((b) => b.id)).size).toBe(boards.length);
    expect(boards).toHaveLength(3);
  });

  it('a board taken off the network is kept as left, with when it was last seen, and comes back', async () => {
    const board = rigBoard(1);
    await rigCommand(['net-off', '1']);
    await until('board 1 gone', async () => ((await listedBoard(board)) ? undefined : true));
    expect(changes.some((c) => c.kind === 'left' && c.board.address === board.address)).toBe(true);
    const left = (await client.call('devices.list', {})).find((b) => b.address === board.address);
    expect(left?.left?.reason).toMatch(/expired|silent|interface-gone|goodbye/);
    expect(Date.parse(left?.lastSeen ?? '')).toBeLessThanOrEqual(Date.parse(left?.left?.at ?? ''));
    await rigCommand(['net-on', '1']);
    const back = await until('board 1 back', () => listedBoard(board));
    expect(back.interface).toBe(board.hostInterface);
    const all = await client.call('devices.list', {});
    expect(all.filter((b) => b.address === board.address)).toHaveLength(1);
  });

  it('a board whose advert stops (goodbye) leaves at once and returns', async () => {
    const board = rigBoard(0);
    const since = changes.length;
    await rigCommand(['advert-off', '0']);
    await until(
      'board 0 gone after its goodbye',
      async () => ((await listedBoard(board)) ? undefined : true),
      3000,
    );
    expect(changes.slice(since)).toContainEqual(
      expect.objectContaining({ kind: 'left', reason: 'goodbye' }),
    );
    // Forgotten, it is off the list; advertising again brings it back as new.
    await client.call('devices.forget', { address: board.address });
    expect((await client.call('devices.list', {})).some((b) => b.address === board.address)).toBe(
      false,
    );
    await expect(client.call('devices.forget', { address: board.address })).rejects.toThrow(
      /left the list/,
    );
    await rigCommand(['advert-on', '0']);
    await until('board 0 back', () => listedBoard(board));
  });

  it('a board with its dockerd stopped shows the engine unreachable, ssh still open', async () => {
    const board = rigBoard(2);
    await rigCommand(['engine-stop', '2']);
    const down = await until('engine of board 2 unreachable', async () => {
      const b = await listedBoard(board);
      return b?.engineState === 'down' ? b : undefined;
    });
    expect(down.engine).toBeNull();
    expect(down.engineError).toMatch(/refused|no answer/);
    expect(down.ssh.state).toBe('up');
    const detail = await client.call('devices.info', { address: board.address });
    expect(detail.board.engineState).toBe('down');
    expect(detail.engineError).toBeTruthy();
    await rigCommand(['engine-start', '2'], 120_000);
    await until('engine of board 2 back', async () =>
      (await listedBoard(board))?.engineState === 'up' ? true : undefined,
    );
  }, 150_000);

  it('the detail lists the containers and images on the engine of a board', async () => {
    const board = rigBoard(1);
    const docker = ['-H', `tcp://${board.address}:2375`];
    await run('docker', [
      ...docker,
      'run',
      '-d',
      '--name',
      'bt-detail',
      '-p',
      '8080:80',
      'bench/busybox',
      'sleep',
      '300',
    ]);
    const detail = await client.call('devices.info', { address: board.address });
    await run('docker', [...docker, 'rm', '-f', 'bt-detail']);
    expect(detail.containers).toContainEqual(
      expect.objectContaining({
        name: 'bt-detail',
        image: 'bench/busybox',
        state: 'running',
        status: expect.stringMatching(/^Up/) as unknown,
        ports: expect.arrayContaining([expect.stringMatching(/8080->80\/tcp$/)]) as unknown,
      }),
    );
    expect(detail.images.some((i) => i.tags.includes('bench/busybox:latest'))).toBe(true);
    expect(detail.board.engine?.containers?.running).toBeGreaterThanOrEqual(1);
    expect(detail.sshCommand).toBe(`ssh -p 22222 root@${board.address}`);
  });

  it('adds a board by hand, probes it, keeps it across restarts and removes it', async () => {
    const board = rigBoard(2);
    const added = await client.call('devices.add', { address: board.address });
    expect(added).toMatchObject({ addedByHand: true, address: board.address, engineState: 'up' });
    const { stdout } = await run('cat', [join(home, 'devices.json')]);
    expect(JSON.parse(stdout)).toMatchObject({ manual: [{ address: board.address }] });
    const removed = await client.call('devices.remove', { address: board.address });
    expect(removed.removed.source).toBe('manual');
    expect((await client.call('devices.list', {})).some((b) => b.addedByHand)).toBe(false);
  });

  it('a board added by hand that mDNS also finds is listed once, with both sources noted', async () => {
    const board = rigBoard(2);
    await client.call('devices.add', { address: board.hostname });
    const listed = (await client.call('devices.list', {})).filter(
      (b) => b.address === board.address,
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      source: 'mdns',
      addedByHand: true,
      interface: board.hostInterface,
      engineState: 'up',
    });
    await client.call('devices.remove', { address: board.hostname });
    const after = (await client.call('devices.list', {})).filter(
      (b) => b.address === board.address,
    );
    expect(after.map((b) => [b.source, b.addedByHand])).toEqual([['mdns', false]]);
  });

  it('a hand-added address where nothing answers is listed as unreachable, not dropped', async () => {
    // Inside the rig's subnet, but no board has it: every probe times out.
    const nobody = '10.231.0.77';
    const added = await client.call('devices.add', { address: nobody });
    expect(added).toMatchObject({
      engineState: 'down',
      ssh: { state: 'down' },
      supervisor: { state: 'down' },
    });
    expect((await client.call('devices.list', {})).some((b) => b.address === nobody)).toBe(true);
    await client.call('devices.remove', { address: nobody });
  });

  it('a host name typed wrong is refused with a clear message and nothing is saved', async () => {
    await expect(client.call('devices.add', { address: 'no-such-board.invalid' })).rejects.toThrow(
      /does not resolve/,
    );
    await expect(client.call('devices.add', { address: 'bad name!' })).rejects.toThrow(
      /neither an IP address nor a host name/,
    );
    await expect(client.call('devices.info', { address: 'no-such-board.invalid' })).rejects.toThrow(
      /does not resolve/,
    );
  });

  it('garbage, hostile names, huge TXT records and a flood from one board do not disturb the list', async () => {
    const sender = rigBoard(0);
    // A hostile name is never listed; a huge TXT record is, trimmed.
    await sendFromBoard(sender, [
      ...garbagePackets(),
      advert('evil\u001b[2J\u0007', 'evil\u0000.local', sender.address),
      advert('bigtxt', 'bigtxt.local', sender.address, hugeTxt()),
    ]);
    const big = await until('the huge-TXT advert, trimmed', async () =>
      (await mdnsBoards()).find((b) => b.name === 'bigtxt'),
    );
    expect(Object.keys(big.txt).length).toBeLessThanOrEqual(32);
    expect(Object.values(big.txt).every((v) => v.length <= 255)).toBe(true);
    expect((await mdnsBoards()).some((b) => b.name.startsWith('evil'))).toBe(false);
    // A flood: the same advert again and again, then a thousand made-up boards.
    await sendFromBoard(sender, [
      ...Array.from({ length: 300 }, () => advert('same', 'same.local', sender.address)),
      ...Array.from({ length: 1000 }, (_, i) =>
        advert(`fake${i}`, `fake${i}.local`, sender.address),
      ),
    ]);
    const boards = await mdnsBoards();
    for (const rb of rig.boards) expect(boards.some((b) => b.address === rb.address)).toBe(true);
    expect(boards.filter((b) => b.name === 'same')).toHaveLength(
      boards.some((b) => b.name === 'same') ? 1 : 0,
    );
    expect(boards.length).toBeLessThanOrEqual(3 + 64);
    expect(boards.every((b) => !/\p{Cc}/u.test(b.name))).toBe(true);
    // What never answers a query leaves; the real boards stay as they were.
    const settled = await until(
      'only the real boards left',
      async () => {
        const list = await mdnsBoards();
        return list.length === 3 ? list : undefined;
      },
      20_000,
    );
    expect(settled.map((b) => b.address).sort()).toEqual(rig.boards.map((b) => b.address).sort());
    expect(settled.every((b) => b.engineState === 'up')).toBe(true);
    // An advert that never answers our queries is dropped for its silence, not kept till TTL.
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'disappeared',
        reason: 'silent',
        board: expect.objectContaining({ name: 'bigtxt' }) as unknown,
      }),
    );
  }, 60_000);

  it('the CLI lists the rig boards as JSON with engine version and architecture', async () => {
    const { stdout } = await run(
      process.execPath,
      [cliPath, 'devices', '--interface', 'btv*', '--timeout', '2', '--json'],
      {
        env: { ...process.env, BENCHTOP_HOME: home },
      },
    );
    const list = JSON.parse(stdout) as {
      address: string;
      interface: string;
      engine: { version: string; arch: string } | null;
    }[];
    expect(list.map((b) => b.address).sort()).toEqual(rig.boards.map((b) => b.address).sort());
    for (const b of list) {
      expect(b.engine?.version).toMatch(/^\d+\.\d+/);
      expect(b.engine?.arch).toBeTruthy();
      expect(b.interface).toMatch(/^btv\d+$/);
    }
  }, 30_000);
});

describe('devices on the command line, mistyped', () => {
  it('an --interface that matches nothing exits 3 and names the interfaces there are', async () => {
    const failed = await run(process.execPath, [cliPath, 'devices', '--interface', 'btvtypo'], {
      env: { ...process.env, BENCHTOP_HOME: home },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failed?.code).toBe(3);
    expect(failed?.stderr).toMatch(
      /^benchtop: No interface matches btvtypo: the multicast interfaces here are .*btv0.*\. Nothing was browsed\.\nName one of them with `--interface`/,
    );
    expect(failed?.stdout).toBe('');
  }, 30_000);
});

// --- Hostile mDNS packets, encoded by hand (no library would make them this wrong). -----------

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter((p) => p.length > 0);
  return Buffer.concat([
    ...parts.map((p) => {
      const label = Buffer.from(p, 'latin1').subarray(0, 63);
      return Buffer.concat([Buffer.from([label.length]), label]);
    }),
    Buffer.from([0]),
  ]);
}

const TYPES = { A: 1, PTR: 12, TXT: 16, SRV: 33 } as const;

function rr(name: string, type: keyof typeof TYPES, ttl: number, data: Buffer): Buffer {
  const head = Buffer.alloc(10);
  head.writeUInt16BE(TYPES[type], 0);
  head.writeUInt16BE(0x8001, 2); // IN, cache-flush
  head.writeUInt32BE(ttl, 4);
  head.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(name), head, data]);
}

function response(records: Buffer[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0x8400, 2); // response, authoritative
  header.writeUInt16BE(records.length, 6);
  return Buffer.concat([header, ...records]);
}

function advert(label: string, host: string, address: string, txt: Buffer[] = []): Buffer {
  const instance = `${label}._ssh._tcp.local`;
  const srv = Buffer.alloc(6);
  srv.writeUInt16BE(22222, 4);
  const a = Buffer.from(address.split('.').map(Number));
  const txtData =
    txt.length > 0
      ? Buffer.concat(txt.map((t) => Buffer.concat([Buffer.from([t.length]), t])))
      : Buffer.from([0]);
  return response([
    rr('_resin-device._sub._ssh._tcp.local', 'PTR', 4500, encodeName(instance)),
    rr(instance, 'SRV', 120, Buffer.concat([srv, encodeName(host)])),
    rr(instance, 'TXT', 4500, txtData),
    rr(host, 'A', 120, a),
  ]);
}

function garbagePackets(): Buffer[] {
  // Garbage of every size, and a header whose record count lies.
  const packets = Array.from({ length: 100 }, (_, i) =>
    Buffer.from(Array.from({ length: (i * 37) % 1400 }, (_, j) => (i * 31 + j * 7) % 256)),
  );
  const liar = Buffer.alloc(12);
  liar.writeUInt16BE(0x8400, 2);
  liar.writeUInt16BE(0xffff, 6);
  return [...packets, liar];
}

/** 30 entries of 240 bytes: far past what a board sends, within one datagram. */
const hugeTxt = (): Buffer[] =>
  Array.from({ length: 30 }, (_, i) => Buffer.from(`k${i}=${'x'.repeat(240)}`));

/** Sends the packets to the mDNS group from inside a board's namespace, as that board. */
async function sendFromBoard(board: RigBoard, packets: Buffer[]): Promise<void> {
  const script = `
    const dgram = require('node:dgram');
    const lines = require('node:fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);
    const socket = dgram.createSocket('udp4');
    socket.bind(0, '${board.address}', async () => {
      socket.setMulticastInterface('${board.address}');
      for (const line of lines) {
        await new Promise((resolve) => socket.send(Buffer.from(line, 'base64'), 5353, '224.0.0.251', resolve));
      }
      socket.close();
    });`;
  const child = spawn(
    'nsenter',
    [`--net=/var/run/netns/${board.namespace}`, process.execPath, '-e', script],
    {
      stdio: ['pipe', 'inherit', 'inherit'],
    },
  );
  child.stdin.end(packets.map((p) => p.toString('base64')).join('\n'));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(0);
}
