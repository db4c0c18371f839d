// SPDX-License-Identifier: Apache-2.0
// `benchtop push` and `benchtop logs` on a rig board's real engine, as a person types them: the
// CERN-shaped project serves through its proxy, a broken build leaves the old release serving,
// a dead address fails fast, a push over `benchtop serve` is the same job, and two pushes at
// once to one board are one too many.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../src/shared/contract/index.js';
import { followJob } from '../../src/shared/follow-job.js';
import { jobResult } from '../../src/shared/job-result.js';
import { buildMain } from '../fixtures/build-main.js';
import { type RigBoard, rigDown, rigUpOneBoard } from '../rig/index.js';
import { engineOf } from '../support/engine.js';
import { runCli, startCli } from '../support/benchtop-cli.js';
import { startServe, tempHome } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

const fixture = fileURLToPath(new URL('../fixtures/push/cern', import.meta.url));
let board: RigBoard;
let docker: Docker;
const home = tempHome();

beforeAll(async () => {
  buildMain();
  board = await rigUpOneBoard();
  docker = engineOf(board.address);
}, 180_000);

afterAll(async () => {
  await rigDown();
});

/** The proxy's page. busybox httpd passes the CGI's bare-LF headers on, which fetch refuses. */
const page = (): Promise<string> =>
  new Promise((resolve, reject) => {
    get(`http://${board.address}:80/`, { insecureHTTPParser: true }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });

/** The project's containers, and any other container left on the board (build steps...). */
async function containers() {
  const all = await docker.listContainers({ all: true });
  const ours = all.filter((c) => c.Labels['io.benchtop.project'] === 'cern');
  return { ours, others: all.filter((c) => !ours.includes(c)) };
}

/** The fixture in a temp folder still named cern (the project name), one template broken. */
function brokenCopy(): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'benchtop-push-')), 'cern');
  cpSync(fixture, copy, { recursive: true });
  const template = join(copy, 'data', 'Dockerfile.template');
  writeFileSync(
    template,
    readFileSync(template, 'utf8').replace(/^RUN mkdir/m, 'RUN echo breaking && false && mkdir'),
  );
  return copy;
}

describe('benchtop push and logs (CLI and serve, rig board)', () => {
  it('pushes the CERN-shaped project: the proxy serves frontend and data by name, templates resolved', async () => {
    const run = await runCli(
      ['push', board.address, '--source', fixture, '--nolive', '--detached'],
      home,
    );
    expect(run.stderr).not.toMatch(/benchtop:/);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Template values: .*RESIN_MACHINE_NAME=generic-amd64/);
    for (const service of ['frontend', 'proxy', 'data', 'hello'])
      expect(run.stdout).toMatch(new RegExp(`^\\[${service}\\] +Step 1/`, 'm'));
    expect(run.stdout).toMatch(/^BOARD +ADDRESS/m);

    const text = await page();
    expect(text).toContain('proxy on generic-amd64');
    expect(text).toContain('frontend: frontend on generic-amd64');
    expect(text).toContain('"machine": "generic-amd64"');
    const image = await docker.getImage('local_image_hello:latest').inspect();
    expect(image.Config.Cmd).toEqual(['sh', '-c', 'cat /greeting; while :; do sleep 3600; done']);
  }, 300_000);

  it('reuses every image and keeps every container when nothing changed, and builds again what did', async () => {
    const before = await containers();
    const again = await runCli(
      ['push', board.address, '--source', fixture, '--nolive', '--detached'],
      home,
    );
    expect(again.code).toBe(0);
    for (const service of ['frontend', 'proxy', 'data', 'hello'])
      expect(again.stdout).toMatch(
        new RegExp(`^\\[${service}\\] +Unchanged since its last build: reusing`, 'm'),
      );
    expect((await containers()).ours.map((c) => c.Id).sort()).toEqual(
      before.ours.map((c) => c.Id).sort(),
    );

    const edited = join(mkdtempSync(join(tmpdir(), 'benchtop-push-')), 'cern');
    cpSync(fixture, edited, { recursive: true });
    writeFileSync(join(edited, 'hello', 'greeting-extra.txt'), 'a file the build now sees\n');
    const changed = await runCli(
      ['push', board.address, '--source', edited, '--nolive', '--detached'],
      home,
    );
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/^\[hello\] +Step 1\//m);
    expect(changed.stdout).toMatch(/^\[proxy\] +Unchanged since its last build/m);
  }, 300_000);

  it('shows every service in benchtop logs, each behind its name', async () => {
    const run = await runCli(['logs', board.address], home);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\[hello\] +Hello from generic-amd64 \(amd64\)$/m);
    for (const service of ['frontend', 'proxy', 'data'])
      expect(run.stdout).toMatch(
        new RegExp(`^\\[${service}\\] +${service} serving on port 80$`, 'm'),
      );
    const json = await runCli(['logs', board.address, '--service', 'hello', '--json'], home);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { service: string });
    expect(new Set(lines.map((line) => line.service))).toEqual(new Set(['hello']));
  }, 60_000);

  it('names the service and step of a failing RUN, and leaves the old release serving with nothing orphaned', async () => {
    const before = await containers();
    const run = await runCli(
      ['push', board.address, '--source', brokenCopy(), '--nolive', '--detached'],
      home,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/data/);
    expect(run.stderr).toMatch(/Step 2\/|RUN echo breaking/);
    expect(await page()).toContain('frontend: frontend on generic-amd64');
    const after = await containers();
    expect(after.ours.map((c) => c.Id).sort()).toEqual(before.ours.map((c) => c.Id).sort());
    expect(after.ours.every((c) => c.State === 'running')).toBe(true);
    expect(after.others).toEqual(before.others);
  }, 300_000);

  it('stays in the foreground live and following logs, stdin at its end, until SIGTERM', async () => {
    const push = startCli(['push', board.address, '--source', fixture, '--service', 'hello'], home);
    await vi.waitFor(() => expect(push.output.stdout).toMatch(/^\[hello\] +Hello from/m), {
      timeout: 120_000,
      interval: 200,
    });
    expect(push.child.exitCode).toBeNull();
    expect(push.output.stderr).toMatch(/Live sync: watching the project/);
    push.child.kill('SIGTERM');
    expect(await push.exited).toBe(0);
  }, 180_000);

  it('fails on a dead address within the connect timeout, with exit 3 and the address named', async () => {
    const run = await runCli(
      ['push', '10.231.0.99', '--source', fixture, '--nolive', '--detached'],
      home,
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/10\.231\.0\.99/);
  }, 15_000);

  it('runs the same job over benchtop serve: push.output keyed by the job id, logs by stream, no follow over HTTP', async () => {
    const serve = await startServe({ home: tempHome() });
    const client = await connectWs(serve.port, serve.token);
    const output: EventPayload<'push.output'>[] = [];
    let jobId = '';
    const job = await followJob(
      client,
      () => client.call('push.start', { boards: [board.address], source: fixture }),
      () => undefined,
      (id) => {
        jobId = id;
        client.on('push.output', (line) => output.push(line), { key: id });
      },
    );
    expect(job.state).toBe('succeeded');

    // Logs followed over the WebSocket arrive keyed by their stream; one-shot HTTP cannot follow.
    const lines: EventPayload<'logs.line'>[] = [];
    const stopLines = client.on('logs.line', (line) => lines.push(line));
    const { streamId } = await client.call('logs.follow', {
      board: board.address,
      services: ['hello'],
    });
    await vi.waitFor(() =>
      expect(lines.some((l) => l.streamId === streamId && /^Hello from/.test(l.message))).toBe(
        true,
      ),
    );
    expect(new Set(lines.map((l) => l.service))).toEqual(new Set(['hello']));
    expect(await client.call('logs.stop', { streamId })).toEqual({ stopped: true });
    stopLines();
    const refused = await fetch(`${serve.origin}/api/logs.follow`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ board: board.address }),
    });
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED');
    await serve.stop();
    const result = jobResult('push.start', job);
    expect(result.boards.map((b) => [b.board, b.state, b.runPath])).toEqual([
      [board.address, 'succeeded', 'engine'],
    ]);
    expect(output.length).toBeGreaterThan(0);
    expect(output.every((line) => line.jobId === jobId)).toBe(true);
    expect(output.some((line) => line.kind === 'build' && line.service === 'proxy')).toBe(true);
  }, 300_000);

  it('takes over a lock left by a dead push; refuses while another machine holds one', async () => {
    const lock = (labels: Record<string, string>) =>
      docker.createNetwork({
        Name: 'benchtop-push-lock',
        Internal: true,
        Labels: {
          'io.benchtop.push-lock': 'true',
          'io.benchtop.push-lock.since': new Date().toISOString(),
          ...labels,
        },
      });
    const push = () =>
      runCli(['push', board.address, '--source', fixture, '--nolive', '--detached'], home);
    await lock({
      'io.benchtop.push-lock.host': hostname(),
      'io.benchtop.push-lock.pid': '99999999',
    });
    expect((await push()).code).toBe(0);
    expect(await docker.listNetworks({ filters: { name: ['benchtop-push-lock'] } })).toEqual([]);

    const other = await lock({
      'io.benchtop.push-lock.host': 'another-bench',
      'io.benchtop.push-lock.pid': '1',
    });
    const refused = await push();
    await other.remove();
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/from another-bench \(process 1\)/);
  }, 180_000);

  it('refuses the second of two pushes to one board at once with exit 4', async () => {
    const push = () =>
      runCli(
        ['push', board.address, '--source', fixture, '--nocache', '--nolive', '--detached'],
        home,
      );
    const runs = await Promise.all([push(), push()]);
    expect(runs.map((run) => run.code).sort()).toEqual([0, 4]);
    const refused = runs.find((run) => run.code === 4);
    expect(refused?.stderr).toMatch(/Another push .* is running on/);
    expect(await page()).toContain('frontend: frontend on generic-amd64');
  }, 300_000);
});
