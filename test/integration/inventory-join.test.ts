// SPDX-License-Identifier: Apache-2.0
// The inventory on the rig, as a new user meets it: four cards from a table are in the
// inventory with their slots, four rig boards named as in the table come up and join their
// records; a port tied to one shows on its record, a console session and a `console exec` on
// it and a push to another land in their histories, and `benchtop boards --json` lists all
// four. The table is flashed onto four loop devices by `benchtop flash --cards`, then
// `benchtop serve` hears the boards; all through the built CLI, as a person types it.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContractClient } from '../../src/shared/client.js';
import { InventoryBoard, PushResult } from '../../src/shared/contract/index.js';
import { benchtop, lastResult, useFlashBench } from '../fixtures/flash-bench.js';
import { rigDown, rigUp, type Rig, type RigBoard } from '../rig/index.js';
import { runCli } from '../support/benchtop-cli.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

const project = fileURLToPath(new URL('../fixtures/push/tiny', import.meta.url));
const slow = { timeout: 90_000, interval: 500 };
// Four cards, and the home the flash and the server share (set before this file's tests).
const bench = useFlashBench('benchtop-inventory-join-', 4);
let home = '';
let rig: Rig;
let serve: ServeProcess;
let client: ContractClient;

const rigBoard = (i: number): RigBoard => {
  const board = rig.boards[i];
  if (!board) throw new Error(`the rig has no board ${i}`);
  return board;
};

/** The cards table a bench keeps: slot → hostname, here the rig's board names. */
function cardsCsv(boards: readonly RigBoard[]): string {
  return ['slot,hostname', ...boards.map((b, i) => `${i + 1},${b.hostname}`)].join('\n');
}

const record = async (name: string): Promise<InventoryBoard> =>
  (await client.call('inventory.board', { name })).board;
const history = (name: string) => client.call('inventory.history', { name, limit: 100 });

beforeAll(async () => {
  home = bench.home;
  rig = await rigUp(4, { hostAvahi: false });
  const table = join(bench.dir, 'cards.csv');
  writeFileSync(table, cardsCsv(rig.boards));
  const flashed = benchtop([
    'flash',
    bench.image.path,
    ...bench.loops.flatMap((loop) => ['-t', loop.device]),
    '--cards',
    table,
    '--json',
  ]);
  expect(flashed.code, flashed.stderr).toBe(0);
  expect(lastResult(flashed.stdout).cards.map((card) => card.slot)).toEqual(['1', '2', '3', '4']);
  serve = await startServe({ home });
  client = await connectWs(serve.port, serve.token);
  await client.call('devices.browse', { interfaces: ['btv*'] });
}, 300_000);

afterAll(async () => {
  client?.close();
  await serve?.stop();
  await rigDown();
});

describe('the inventory joining rig boards (serve, CLI)', () => {
  it('joins each board heard over mDNS to its card: online, its address and interface', async () => {
    await vi.waitFor(async () => {
      for (const board of rig.boards)
        expect(await record(board.hostname)).toMatchObject({
          hostname: board.hostname,
          location: { slot: String(board.index + 1) },
          lastFlash: { hostname: board.hostname, image: bench.image.path },
          presence: { online: true, address: board.address, interface: board.hostInterface },
        });
    }, slow);
    expect((await record(rigBoard(2).hostname)).location.slot).toBe('3');
  }, 120_000);

  it('shows a port tied now on the board’s record and in its history', async () => {
    const board = rigBoard(0);
    const tied = await runCli(['ports', 'tie', board.consolePath ?? '', board.hostname], home);
    expect(tied.code).toBe(0);
    await vi.waitFor(
      async () =>
        expect((await record(board.hostname)).port).toEqual({
          serialNumber: null,
          path: resolve(board.consolePath ?? ''),
        }),
      slow,
    );
    expect((await history(board.hostname))[0]).toMatchObject({
      kind: 'tied',
      detail: { board: board.hostname },
    });
  }, 60_000);

  it('keeps a console exec on the tied port, and the console session around it with its log', async () => {
    const board = rigBoard(0);
    const session = await client.call('console.open', {
      board: board.hostname,
      logFile: 'inventory-join.log',
      logOwner: 'the inventory test',
    });
    const run = await runCli(
      [
        'console',
        'exec',
        board.hostname,
        '--user',
        rig.user,
        '--password-file',
        rig.passwordFile,
        '--',
        'hostname; exit 3',
      ],
      home,
    );
    expect(run.stdout).toBe(`${board.hostname}\n`);
    expect(run.code).toBe(3);
    const log = join(serve.home, 'logs', 'inventory-join.log');
    await vi.waitFor(async () => {
      const exec = (await history(board.hostname)).find((e) => e.kind === 'exec');
      expect(exec).toMatchObject({
        detail: {
          command: 'hostname; exit 3',
          status: 3,
          output: `${board.hostname}\n`,
          port: resolve(board.consolePath ?? ''),
          logFile: log,
        },
      });
      expect(exec?.who).toBeTruthy();
    }, slow);
    // One row per event: the output's line end is quoted, not printed.
    const shown = await runCli(['board', 'history', board.hostname], home);
    expect(shown.stdout).toMatch(
      new RegExp(`exec .*command=hostname; exit 3 status=3 output="${board.hostname}\\\\n"`),
    );
    expect(await client.call('console.close', { sessionId: session.id, force: true })).toEqual({
      closed: true,
    });
    await vi.waitFor(async () => {
      const consoles = (await history(board.hostname)).filter((e) => e.kind === 'console');
      expect(consoles.map((e) => e.detail)).toContainEqual(
        expect.objectContaining({
          port: resolve(board.consolePath ?? ''),
          openedAt: session.openedAt,
          logFile: log,
        }),
      );
    }, slow);
  }, 120_000);

  it('keeps a push to a board in its history and record, with the release id the push reported', async () => {
    const board = rigBoard(1);
    const pushed = await runCli(
      ['push', board.address, '--source', project, '--nolive', '--detached', '--json'],
      home,
    );
    expect(pushed.stderr).not.toMatch(/benchtop:/);
    expect(pushed.code).toBe(0);
    const lines = pushed.stdout.trim().split('\n');
    const last = JSON.parse(lines.at(-1) ?? '{}') as { result?: unknown };
    const result = PushResult.parse(last.result);
    const release = result.boards[0]?.release;
    expect(release).toMatch(/^[0-9a-f]{12}$/);
    await vi.waitFor(async () => {
      expect((await record(board.hostname)).lastPush).toMatchObject({
        project: 'tiny',
        release,
      });
      expect((await history(board.hostname)).find((e) => e.kind === 'pushed')).toMatchObject({
        detail: { project: 'tiny', release },
      });
    }, slow);
    const shown = await runCli(['board', 'show', board.hostname], home);
    expect(shown.stdout).toMatch(new RegExp(`Last push\\s+tiny release ${release}`));
  }, 300_000);

  it('lists all four with benchtop boards --json', async () => {
    const listed = await runCli(['boards', '--json'], home);
    expect(listed.code).toBe(0);
    const boards = InventoryBoard.array().parse(JSON.parse(listed.stdout));
    expect(boards.map((b) => [b.hostname, b.location.slot, b.presence?.online])).toEqual(
      rig.boards.map((b, i) => [b.hostname, String(i + 1), true]),
    );
    expect(boards[0]?.port?.path).toBe(resolve(rigBoard(0).consolePath ?? ''));
  }, 60_000);
});
