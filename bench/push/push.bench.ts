// SPDX-License-Identifier: Apache-2.0
// `benchtop push` against `docker-compose build` + `up -d` (1.29, apt) on one rig board in the
// same run: a cold push and a no-change push right after, interleaved per round so machine
// noise hits both alike. Prints medians and the ratios against the Push issue's aims. Run with
// `npm run bench:push` (root; builds first). BENCH_ROUNDS sets the rounds (default 3).
//
// "Cold" clears, for both tools alike and before each cold push: every container of both
// projects, their images (the built tags and the dangling stage/intermediate images the classic
// builder keeps as its layer cache), the BuildKit cache (`POST /build/prune`) and both projects'
// networks. The base image bench/busybox stays: it is the board's, not the project's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain } from '../../test/fixtures/build-main.js';
import { type RigBoard, rigDown, rigUpOneBoard } from '../../test/rig/index.js';
import { engineOf } from '../../test/support/engine.js';
import { cliPath } from '../../test/support/serve-process.js';
import { median } from '../median.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
/** Benchtop names the project after its folder; compose gets its own name so neither replaces the other. */
const source = fileURLToPath(new URL('./benchpush', import.meta.url));
const BENCHTOP_PROJECT = 'benchpush';
const COMPOSE_PROJECT = 'benchpushcompose';
const SERVICES = ['web', 'api', 'worker', 'cache'];
const PORT = 8080;
const home = mkdtempSync(join(tmpdir(), 'benchtop-bench-push-'));

let board: RigBoard;
let docker: Docker;
const lines: string[] = [];

/** Runs one command to the end; its wall time in seconds, or an error with its own words. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  const run = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return seconds;
}

const composeEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  DOCKER_HOST: `tcp://${board.address}:2375`,
  // docker-py's classic builder: the same builder Benchtop drives, no docker CLI in between.
  COMPOSE_DOCKER_CLI_BUILD: '0',
  DOCKER_BUILDKIT: '0',
});

interface Tool {
  readonly name: string;
  /** One whole push, from the command to the project running; seconds. */
  push(): number;
}

const benchtop: Tool = {
  name: 'benchtop push',
  push: () =>
    timed(
      process.execPath,
      [cliPath, 'push', board.address, '--source', source, '--nolive', '--detached'],
      { ...process.env, BENCHTOP_HOME: home, NO_COLOR: '1' },
    ),
};

const compose: Tool = {
  name: 'docker-compose build + up -d',
  push: () => {
    const base = ['-p', COMPOSE_PROJECT, '-f', join(source, 'docker-compose.yml')];
    return (
      timed('docker-compose', [...base, 'build'], composeEnv()) +
      timed('docker-compose', [...base, 'up', '-d'], composeEnv())
    );
  },
};

/** Nothing of either project left on the board (see the header for what that covers). */
async function makeCold(): Promise<void> {
  const all = await docker.listContainers({ all: true });
  const ours = all.filter(
    (c) =>
      c.Labels['io.benchtop.project'] === BENCHTOP_PROJECT ||
      c.Labels['com.docker.compose.project'] === COMPOSE_PROJECT,
  );
  await Promise.all(ours.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  const tags = SERVICES.flatMap((s) => [
    `local_image_${s}:latest`,
    `${COMPOSE_PROJECT}_${s}:latest`,
  ]);
  for (const tag of tags) {
    const image = docker.getImage(tag);
    const found = await image.inspect().then(
      () => true,
      () => false,
    );
    if (found) await image.remove({ force: true });
  }
  await docker.pruneImages({ filters: { dangling: ['true'] } });
  await docker.pruneBuilder().catch(() => undefined);
  const networks = await docker.listNetworks();
  for (const network of networks) {
    if (
      network.Name.startsWith(`${BENCHTOP_PROJECT}_`) ||
      network.Name.startsWith(`${COMPOSE_PROJECT}_`)
    )
      await docker.getNetwork(network.Id).remove();
  }
}

/** The project answers on its published port: neither tool is measured doing less. */
const serves = (): Promise<string> =>
  new Promise((resolve, reject) => {
    get(`http://${board.address}:${PORT}/`, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });

async function expectServing(tool: Tool): Promise<void> {
  const body = await serves();
  if (!body.includes('Served by the web service'))
    throw new Error(`${tool.name}: the project does not serve on port ${PORT}: ${body}`);
}

beforeAll(async () => {
  buildMain();
  board = await rigUpOneBoard();
  docker = engineOf(board.address, 120_000);
}, 300_000);

afterAll(async () => {
  if (docker !== undefined) await makeCold();
  await rigDown();
  console.log(['', 'bench:push', ...lines, ''].join('\n'));
});

describe('push: Benchtop vs docker-compose on one rig board', () => {
  it('cold and no-change pushes, interleaved per round', async () => {
    const times = new Map<string, { cold: number[]; again: number[] }>();
    for (const tool of [benchtop, compose]) times.set(tool.name, { cold: [], again: [] });
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first, so neither always follows the other's disk writes.
      const order = round % 2 === 0 ? [benchtop, compose] : [compose, benchtop];
      for (const tool of order) {
        await makeCold();
        const entry = times.get(tool.name);
        if (!entry) throw new Error(`no times for ${tool.name}`);
        entry.cold.push(tool.push());
        await expectServing(tool);
        entry.again.push(tool.push());
        await expectServing(tool);
      }
    }
    const row = (what: string, seconds: number) =>
      lines.push(`  ${what.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s`);
    const b = times.get(benchtop.name);
    const c = times.get(compose.name);
    if (!b || !c) throw new Error('missing times');
    row(`${benchtop.name}, cold (median of ${ROUNDS})`, median(b.cold));
    row(`${compose.name}, cold`, median(c.cold));
    row(`${benchtop.name}, no change`, median(b.again));
    row(`${compose.name}, no change`, median(c.again));
    const cold = median(b.cold) / median(c.cold);
    const again = median(b.again) / median(c.again);
    const verdict = (value: number, aim: number) =>
      `${value.toFixed(2)}x  (aim <= ${aim}x: ${value <= aim ? 'met' : 'MISSED'})`;
    lines.push(`  => cold Benchtop/compose       ${verdict(cold, 0.5)}`);
    lines.push(`  => no-change Benchtop/compose  ${verdict(again, 0.3)}`);
    lines.push(
      `  rounds: benchtop cold ${b.cold.map((s) => s.toFixed(2)).join(' ')}, again ${b.again.map((s) => s.toFixed(2)).join(' ')}; compose cold ${c.cold.map((s) => s.toFixed(2)).join(' ')}, again ${c.again.map((s) => s.toFixed(2)).join(' ')}`,
    );
    expect(cold).toBeGreaterThan(0);
    expect(again).toBeGreaterThan(0);
  });
});
