// SPDX-License-Identifier: Apache-2.0
// Live sync as a person uses it on a rig board: `benchtop push` stays in the foreground, and
// saving a file is served by the container, a deleted file disappears, a Dockerfile change
// rebuilds that service alone, and the board leaving and coming back is resynced.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../src/shared/contract/index.js';
import { buildMain } from '../fixtures/build-main.js';
import { type RigBoard, rigCommand, rigDown, rigUpOneBoard } from '../rig/index.js';
import { engineOf } from '../support/engine.js';
import { startCli } from '../support/benchtop-cli.js';
import { tempHome } from '../support/serve-process.js';

const fixture = fileURLToPath(new URL('../fixtures/develop/live-site', import.meta.url));
const home = tempHome();
let board: RigBoard;
let docker: Docker;
let project: string;
let push: ReturnType<typeof startCli>;

/** A project's answer for `file` on `port` (the live-site by default): status and body. */
const fetchPage = (file: string, port = 8080): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    get(`http://${board.address}:${port}/${file}`, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });

async function containerIds(name = 'live-site'): Promise<Record<string, string>> {
  const all = await docker.listContainers({
    filters: { label: [`io.benchtop.project=${name}`] },
  });
  return Object.fromEntries(all.map((c) => [c.Labels['io.benchtop.service'] ?? '', c.Id]));
}

const wait = { timeout: 60_000, interval: 100 };

/** What each CLI printed, shown when a test fails (the sync lines say what went wrong). */
const outputs: { stdout: string; stderr: string }[] = [];

/** A fixture copied to a temp folder of the same name (the project name), pushed live. */
async function pushLive(name: string, json = false, compose?: string) {
  const copy = join(mkdtempSync(join(tmpdir(), 'benchtop-live-')), name);
  cpSync(fileURLToPath(new URL(`../fixtures/develop/${name}`, import.meta.url)), copy, {
    recursive: true,
  });
  if (compose !== undefined) writeFileSync(join(copy, 'docker-compose.yml'), compose);
  const run = startCli(
    ['push', board.address, '--source', copy, ...(json ? ['--json'] : [])],
    home,
  );
  const watching = json
    ? /"event":"live.state".*"state":"watching"/
    : /live: Watching .* for changes/;
  await vi.waitFor(() => expect(json ? run.output.stdout : run.output.stderr).toMatch(watching), {
    timeout: 240_000,
    interval: 200,
  });
  return { copy, run };
}

beforeAll(async () => {
  buildMain();
  board = await rigUpOneBoard();
  docker = engineOf(board.address);
  project = join(mkdtempSync(join(tmpdir(), 'benchtop-live-')), 'live-site');
  cpSync(fixture, project, { recursive: true });
}, 300_000);

afterEach((context) => {
  if (context.task.result?.state !== 'fail') return;
  const last = outputs.at(-1);
  if (last !== undefined) console.log(`CLI stdout:\n${last.stdout}\nCLI stderr:\n${last.stderr}`);
});

afterAll(async () => {
  if (push?.child.exitCode === null) push.child.kill('SIGKILL');
  await rigCommand(['net-on', '0']).catch(() => undefined);
  await rigDown();
  rmSync(project, { recursive: true, force: true });
});

describe('live sync after benchtop push (CLI, rig board)', () => {
  it('pushes, then stays in the foreground watching, stdin at its end', async () => {
    push = startCli(['push', board.address, '--source', project], home);
    outputs.push(push.output);
    await vi.waitFor(() => expect(push.output.stderr).toMatch(/live: Watching .* for changes/), {
      timeout: 240_000,
      interval: 200,
    });
    expect(push.child.exitCode).toBeNull();
    expect((await fetchPage('index.html')).body).toContain('first version');
  }, 300_000);

  it('serves a saved file, with one line saying what changed, what was done and how long it took', async () => {
    writeFileSync(join(project, 'site', 'index.html'), '<p>second version</p>\n');
    await vi.waitFor(
      async () => expect((await fetchPage('index.html')).body).toContain('second version'),
      wait,
    );
    await vi.waitFor(
      () =>
        expect(push.output.stdout).toMatch(
          // busybox httpd serves each file as it is read: no restart is needed, none is done.
          /^\[live\] +site\/index\.html → site: 1 copied \(\d+ ms\)$/m,
        ),
      wait,
    );
  }, 90_000);

  it('removes a deleted file from the container', async () => {
    expect((await fetchPage('about.html')).status).toBe(200);
    rmSync(join(project, 'site', 'about.html'));
    await vi.waitFor(async () => expect((await fetchPage('about.html')).status).toBe(404), wait);
    await vi.waitFor(
      () => expect(push.output.stdout).toMatch(/site\/about\.html deleted → site: 1 removed/),
      wait,
    );
  }, 90_000);

  it('syncs a burst of 200 new files in one or two syncs', async () => {
    const before = [...push.output.stdout.matchAll(/^\[live\] .*→ site: (\d+) copied/gm)].length;
    for (let i = 0; i < 200; i += 1)
      writeFileSync(join(project, 'site', `burst-${i}.txt`), `file ${i}\n`);
    await vi.waitFor(
      async () => expect((await fetchPage('burst-199.txt')).body).toBe('file 199\n'),
      wait,
    );
    await vi.waitFor(
      async () => expect((await fetchPage('burst-0.txt')).body).toBe('file 0\n'),
      wait,
    );
    // The board serves a file as soon as it is copied; the sync's line comes when the sync ends.
    const syncLines = () =>
      [...push.output.stdout.matchAll(/^\[live\] .*→ site: (\d+) copied/gm)].slice(before);
    await vi.waitFor(
      () =>
        expect(syncLines().reduce((sum, line) => sum + Number(line[1]), 0)).toBeGreaterThanOrEqual(
          200,
        ),
      wait,
    );
    expect(syncLines().length).toBeGreaterThanOrEqual(1);
    expect(syncLines().length).toBeLessThanOrEqual(2);
  }, 90_000);

  it('says the board left, keeps watching, and resyncs what changed when it is back', async () => {
    await rigCommand(['net-off', '0']);
    await vi.waitFor(() => expect(push.output.stderr).toMatch(/live: .* left \(/), wait);
    writeFileSync(join(project, 'site', 'index.html'), '<p>edited while away</p>\n');
    rmSync(join(project, 'site', 'burst-0.txt'));
    await vi.waitFor(() => expect(push.output.stderr).toMatch(/\(system\)|live: .* left/), wait);
    await rigCommand(['net-on', '0']);
    await vi.waitFor(
      async () => expect((await fetchPage('index.html')).body).toContain('edited while away'),
      wait,
    );
    await vi.waitFor(async () => expect((await fetchPage('burst-0.txt')).status).toBe(404), wait);
    expect(push.output.stderr).toMatch(/is back: comparing/);
    await vi.waitFor(
      () => expect(push.output.stdout).toMatch(/resync \(.*\) → site: 1 copied, 1 removed/),
      wait,
    );
    // Still live afterwards.
    writeFileSync(join(project, 'site', 'index.html'), '<p>after the return</p>\n');
    await vi.waitFor(
      async () => expect((await fetchPage('index.html')).body).toContain('after the return'),
      wait,
    );
  }, 120_000);

  it('rebuilds the service whose Dockerfile changed, and only that one', async () => {
    const before = await containerIds();
    const dockerfile = join(project, 'site', 'Dockerfile');
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, 'utf8').replace(
        'COPY . /www',
        'COPY . /www\nRUN echo rebuilt > /www/built.txt',
      ),
    );
    await vi.waitFor(async () => expect((await fetchPage('built.txt')).body).toBe('rebuilt\n'), {
      timeout: 120_000,
      interval: 250,
    });
    const after = await containerIds();
    expect(after.site).not.toBe(before.site);
    expect(after.worker).toBe(before.worker);
    await vi.waitFor(() => expect(push.output.stdout).toMatch(/→ site: rebuilt \(/), wait);
  }, 150_000);

  it('ends on SIGTERM, stopping live sync cleanly with exit 0', async () => {
    push.child.kill('SIGTERM');
    expect(await push.exited).toBe(0);
    expect(push.output.stderr).toMatch(/Live sync stopped; the containers keep running/);
  }, 90_000);
});

describe('existing projects, live unchanged (rig board)', () => {
  it('runs a livepush project with its #dev-cmd-live and #dev-env, and syncs its www folder', async () => {
    // A folder with only a Dockerfile runs privileged (balena's default), which the rig's
    // engine cannot start: the same Dockerfile, directives and all, as a compose service.
    const { copy, run } = await pushLive(
      'livepush-project',
      true,
      'services:\n  main:\n    build: .\n    network_mode: host\n',
    );
    outputs.push(run.output);
    const ids = await containerIds('livepush-project');
    const container = await docker.getContainer(ids.main ?? '').inspect();
    expect(container.Config.Cmd?.join(' ')).toMatch(/httpd -f -v -p 8081 -h \/srv\/www/);
    expect(container.Config.Env).toContain('BENCHTOP_LIVE=1');
    expect((await fetchPage('index.html', 8081)).body).toContain('version 1');
    const page = join(copy, 'www', 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('version 1', 'version 2'));
    await vi.waitFor(
      async () => expect((await fetchPage('index.html', 8081)).body).toContain('version 2'),
      wait,
    );
    expect((await containerIds('livepush-project')).main).toBe(ids.main);
    // --json: every sync is an event with what changed, what was done and how long it took.
    // The page is served once the copy is in; the sync's event comes when the sync ends.
    const editEvent = () =>
      run.output.stdout
        .split('\n')
        .filter((line) => line.includes('"event":"live.sync"'))
        .map((line) => JSON.parse(line) as EventPayload<'live.sync'>)
        .find((e) => e.changes.some((c) => c.path === 'www/index.html'));
    await vi.waitFor(() => expect(editEvent()).toBeDefined(), wait);
    const edit = editEvent();
    expect(edit?.services).toEqual([
      expect.objectContaining({ service: 'main', copied: 1, rebuilt: false }),
    ]);
    expect(edit?.durationMs).toBeGreaterThanOrEqual(0);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 300_000);

  it('follows compose develop.watch: sync, sync+exec, and rebuild of the worker alone', async () => {
    const { copy, run } = await pushLive('watch-project');
    outputs.push(run.output);
    const site = join(copy, 'web', 'site', 'index.html');
    writeFileSync(site, readFileSync(site, 'utf8').replace('version 1', 'version 2'));
    await vi.waitFor(
      async () => expect((await fetchPage('index.html', 8082)).body).toContain('version 2'),
      wait,
    );
    writeFileSync(join(copy, 'web', 'conf', 'banner.txt'), 'banner 2\n');
    await vi.waitFor(
      async () => expect((await fetchPage('banner.txt', 8082)).body).toBe('banner 2\n'),
      wait,
    );
    // The page is served once the exec has run; the sync's line comes when the sync ends.
    await vi.waitFor(
      () => expect(run.output.stdout).toMatch(/web: 1 copied, ran `.*cp \/etc\/web\/banner\.txt/),
      wait,
    );

    const before = await containerIds('watch-project');
    writeFileSync(
      join(copy, 'worker', 'job.sh'),
      '#!/bin/sh\necho "worker started again"\nwhile :; do sleep 3600; done\n',
    );
    await vi.waitFor(
      async () => expect((await containerIds('watch-project')).worker).not.toBe(before.worker),
      { timeout: 120_000, interval: 250 },
    );
    expect((await containerIds('watch-project')).web).toBe(before.web);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 300_000);
});
