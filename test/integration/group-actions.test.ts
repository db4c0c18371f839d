// SPDX-License-Identifier: Apache-2.0
// Group actions beyond exec, on rig boards found in the inventory by filter: a service restarted
// and stopped on two boards, reboot refused per board (the rig has no supervisor), one push to
// four boards with one build, and a stand's console table tied in one go. Against `benchtop
// serve` with real dockerd and getty per board. Root and the rig's tools; under the rig lock,
// after `npm run build`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDockerClient } from '../../src/main/docker/index.js';
import type { PortTie, PushResult } from '../../src/shared/contract/index.js';
import { labelledState, removeProjects, runLabelled } from '../fixtures/push-containers.js';
import { rigDown, rigUp, type Rig } from '../rig/index.js';
import { runCli } from '../support/benchtop-cli.js';
import { byBoard, runGroupJson } from '../support/group-run.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

const tiny = fileURLToPath(new URL('../fixtures/push/tiny', import.meta.url));
const project = 'opsdemo';
let rig: Rig;
let serve: ServeProcess;
const engines: Docker[] = [];
const names = (): string[] => rig.boards.map((b) => b.hostname);
const cli = (args: readonly string[]) => runCli(args, serve.home);

beforeAll(async () => {
  rig = await rigUp(4, { hostAvahi: false });
  serve = await startServe();
  const client = await connectWs(serve.port, serve.token);
  await client.call('devices.browse', { interfaces: ['btv*'], save: true });
  client.close();
  // Crate H, slots 1-4; the first two carry the label the service tests select by. No ports:
  // the table test ties them.
  const table = join(serve.home, 'stand.csv');
  writeFileSync(
    table,
    `uuid,hostname,crate,slot,labels\n${rig.boards
      .map((b) => `,${b.hostname},H,${b.index + 1},${b.index < 2 ? 'svc' : ''}`)
      .join('\n')}\n`,
  );
  const imported = await cli(['inventory', 'import', table]);
  if (imported.code !== 0) throw new Error(`inventory import failed: ${imported.stderr}`);
  await vi.waitFor(
    async () => {
      const run = await cli(['boards', '--json', '--filter', 'crate=H online']);
      if (run.code !== 0 || (JSON.parse(run.stdout) as unknown[]).length !== 4)
        throw new Error(`the inventory does not hold 4 online boards yet: ${run.stdout}`);
    },
    { timeout: 60_000, interval: 1000 },
  );
  for (const board of rig.boards.slice(0, 2)) {
    const docker = await createDockerClient(board.address);
    engines.push(docker);
    await runLabelled(docker, { project, service: 'worker', script: 'sleep 100000' });
  }
}, 300_000);

afterAll(async () => {
  for (const docker of engines) await removeProjects(docker, [project]);
  await serve?.stop();
  await rigDown();
}, 150_000);

const workerOf = (docker: Docker) => labelledState(docker, project, 'worker');

describe('group actions on rig boards', () => {
  it('restarts a service on the boards a filter selects, then stops it', async () => {
    const before = await Promise.all(engines.map(workerOf));
    const restarted = await runGroupJson(
      ['restart', '--boards', 'label=svc', 'worker'],
      serve.home,
    );
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(restarted.done).toMatchObject({ action: 'service', command: 'restart worker' });
    expect(restarted.boards.map((b) => b.board).sort()).toEqual(names().slice(0, 2).sort());
    for (const result of restarted.boards)
      expect(result).toMatchObject({ ok: true, output: `${project}/worker: running` });
    const after = await Promise.all(engines.map(workerOf));
    after.forEach((state, i) => {
      expect(state.Running).toBe(true);
      expect(state.StartedAt).not.toBe(before[i]?.StartedAt);
    });

    const stopped = await runGroupJson(['stop', '--boards', 'label=svc', 'worker'], serve.home);
    expect(stopped.code, stopped.stderr).toBe(0);
    for (const state of await Promise.all(engines.map(workerOf))) expect(state.Running).toBe(false);
  }, 120_000);

  it('says per board that a service is not there (exit 1)', async () => {
    const run = await runGroupJson(['restart', '--boards', 'crate=H', 'worker'], serve.home);
    expect(run.code).toBe(1);
    expect(run.done).toMatchObject({ succeeded: 2, failed: 2 });
    const results = byBoard(run.boards);
    for (const name of names().slice(2))
      expect(results.get(name)?.error?.message).toContain(`${name} runs no service "worker"`);
  }, 120_000);

  it('refuses reboot on each board without a supervisor, saying so (exit 1)', async () => {
    const run = await runGroupJson(['reboot', '--boards', 'crate=H'], serve.home);
    expect(run.code).toBe(1);
    expect(run.done).toMatchObject({ action: 'reboot', succeeded: 0, failed: 4 });
    const results = byBoard(run.boards);
    for (const name of names())
      expect(results.get(name)?.error?.message).toContain(
        `Reboot is not available on ${name}: no supervisor answers on 48484`,
      );
  }, 120_000);

  it('pushes a project to the boards a filter selects with one build', async () => {
    const run = await cli([
      'push',
      '--boards',
      'crate=H',
      '--source',
      tiny,
      '--nolive',
      '--detached',
      '--json',
    ]);
    expect(run.stderr).not.toMatch(/benchtop:/);
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as object);
    const { result } = lines.find((line) => 'result' in line) as { result: PushResult };
    expect(result.boards.map((b) => b.board).sort()).toEqual(names().sort());
    expect(result.boards.every((b) => b.state === 'succeeded')).toBe(true);
    // One build: every board names the same builder (itself, or the one it copied from).
    expect(new Set(result.boards.map((b) => b.builtOn ?? b.board)).size).toBe(1);
    const built = lines.filter(
      (line) =>
        'event' in line && line.event === 'push.output' && 'kind' in line && line.kind === 'build',
    ) as { board: string }[];
    expect(new Set(built.map((line) => line.board)).size).toBeLessThanOrEqual(1);
  }, 300_000);

  it('ties a stand’s console table: every row checked first, then all tied', async () => {
    const consoles = rig.boards.map((b) => b.consolePath ?? '');
    expect(consoles.every((path) => path !== '')).toBe(true);
    const rows = rig.boards.map((b, i) => `H,${b.index + 1},${consoles[i]}`);
    const ties = async (): Promise<PortTie[]> =>
      JSON.parse((await cli(['ports', 'ties', '--json'])).stdout) as PortTie[];

    const bad = join(serve.home, 'bad.csv');
    writeFileSync(bad, `crate,slot,port\n${rows.join('\n')}\nH,9,/dev/null\n`);
    const refused = await cli(['ports', 'tie', '--table', bad]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'line 6, column 2: the inventory has no board in crate H slot 9',
    );
    expect(await ties()).toEqual([]);

    const good = join(serve.home, 'good.csv');
    writeFileSync(good, `crate,slot,port\n${rows.join('\n')}\n`);
    const tied = await cli(['ports', 'tie', '--table', good, '--json']);
    expect(tied.code, tied.stderr).toBe(0);
    expect(tied.stdout.trim().split('\n')).toHaveLength(4);
    const now = new Map((await ties()).map((tie) => [tie.board, tie.path]));
    rig.boards.forEach((b, i) => expect(now.get(b.hostname)).toBe(consoles[i]));
  }, 120_000);
});
