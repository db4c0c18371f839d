// SPDX-License-Identifier: Apache-2.0
// `benchtop exec` on a group of rig boards: over ssh to each host OS, over each tied serial
// console, in a service container; one board failing (its command, or its link cut mid-run)
// fails alone. Against `benchtop serve` with real sshd, getty and dockerd per board. Root and
// the rig's tools; run under the rig lock, after `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDockerClient } from '../../src/main/docker/index.js';
import { removeProjects, runLabelled } from '../fixtures/push-containers.js';
import { rigCommand, rigDown, rigUp, type Rig } from '../rig/index.js';
import { runCli, startCli } from '../support/benchtop-cli.js';
import { byBoard, runGroupJson } from '../support/group-run.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { rigStand } from '../support/rig-stand.js';

let rig: Rig;
let serve: ServeProcess;
let docker: Docker;
const project = 'groupdemo';
const names = (): string[] => rig.boards.map((b) => b.hostname);
const exec = (args: readonly string[]) => runCli(['exec', ...args], serve.home);

/** `benchtop exec --json`: a line per board as it ends, then the summary. */
const execJson = (args: readonly string[]) => runGroupJson(['exec', ...args], serve.home);

/** `benchtop exec --over serial`, logging in as the rig's console user. */
const serialExec = (boards: string, command: string) =>
  execJson([
    '--boards',
    boards,
    '--over',
    'serial',
    '--user',
    rig.user,
    '--password-file',
    rig.passwordFile,
    '--',
    command,
  ]);

beforeAll(async () => {
  rig = await rigUp(3, { hostAvahi: false });
  process.env['BENCHTOP_SSH_KEY'] = rig.sshKey;
  serve = await startServe();
  // The stand's table names the boards, where they sit and their console ports; the inventory
  // joins each to the board heard over mDNS under that name.
  await rigStand(serve, rig, 'G');
  const first = rig.boards[0];
  if (!first) throw new Error('the rig has no board 0');
  docker = await createDockerClient(first.address);
  await runLabelled(docker, { project, service: 'web', script: 'sleep 100000' });
}, 300_000);

afterAll(async () => {
  if (docker) await removeProjects(docker, [project]);
  await serve?.stop();
  await rigDown();
}, 150_000);

describe('benchtop exec on a group', () => {
  it('runs over ssh on every online board, and one failing command fails alone (exit 1)', async () => {
    const failing = names()[2] ?? '';
    const run = await execJson([
      '--boards',
      'crate=G online',
      '--',
      `hostname; [ "$(hostname)" != "${failing}" ]`,
    ]);
    expect(run.code).toBe(1);
    expect(run.boards).toHaveLength(3);
    const results = byBoard(run.boards);
    for (const name of names()) {
      const result = results.get(name);
      expect(result?.output).toBe(`${name}\n`);
      expect(result?.status).toBe(name === failing ? 1 : 0);
      expect(result?.ok).toBe(name !== failing);
    }
    expect(run.done).toMatchObject({ succeeded: 2, failed: 1 });
    // Each board's result is in its history.
    await vi.waitFor(async () => {
      const history = await runCli(['board', 'history', failing, '--json'], serve.home);
      const events = JSON.parse(history.stdout) as {
        kind: string;
        detail: Record<string, unknown>;
      }[];
      expect(events.find((e) => e.kind === 'exec')?.detail).toMatchObject({
        over: 'ssh',
        status: 1,
        ok: false,
        output: failing,
      });
    });
  });

  it('runs over each board’s tied serial console, logging in; history keeps each exec once', async () => {
    const password = readFileSync(rig.passwordFile, 'utf8').trim();
    expect(password).not.toBe('');
    // One board's port also tied in the serial service: its console reports the exec too.
    const [tied] = rig.boards;
    const tie = await runCli(
      ['ports', 'tie', tied?.consolePath ?? '', tied?.hostname ?? ''],
      serve.home,
    );
    expect(tie.code, tie.stderr).toBe(0);
    const command = 'echo serial-$((6*7))';
    const run = await serialExec('crate=G online', command);
    expect(run.code, run.stdout).toBe(0);
    expect(run.done?.succeeded).toBe(3);
    for (const result of run.boards) expect(result.output.trim()).toBe('serial-42');
    // The group's record is written after anything its console said: once it is there, it is
    // the only record of this exec.
    const execs = async () => {
      const history = await runCli(
        ['board', 'history', tied?.hostname ?? '', '--json'],
        serve.home,
      );
      return (
        JSON.parse(history.stdout) as { kind: string; detail: Record<string, unknown> }[]
      ).filter((e) => e.kind === 'exec' && e.detail['command'] === command);
    };
    await vi.waitFor(async () => expect((await execs()).some((e) => e.detail['group'])).toBe(true));
    expect((await execs()).map((e) => e.detail)).toEqual([
      expect.objectContaining({ over: 'serial', ok: true, status: 0 }),
    ]);
  });

  it('logs every selected console to a folder, a file per board, until stopped', async () => {
    const folder = join(serve.home, 'group-logs');
    const logging = startCli(
      ['console', 'log', '--boards', 'crate=G', '--folder', folder],
      serve.home,
    );
    await vi.waitFor(
      () =>
        expect(logging.output.stderr, logging.output.stdout).toContain('Logging 3 of 3 consoles'),
      {
        timeout: 20_000,
      },
    );
    const run = await serialExec('crate=G', 'echo logged-$((6*7))');
    expect(run.code, run.stdout).toBe(0);
    for (const name of names()) {
      const file = join(folder, `${name}.log`);
      await expect
        .poll(() => (existsSync(file) ? readFileSync(file, 'utf8') : ''), { timeout: 10_000 })
        .toContain('logged-42');
    }
    logging.child.kill('SIGINT');
    expect(await logging.exited).toBe(0);
    expect(logging.output.stderr).toContain('Stopped 3 logs');
  });

  it('runs in a service container, and says which board has no such service', async () => {
    const [withWeb, without] = names();
    const run = await execJson([
      '--board',
      withWeb ?? '',
      '--board',
      without ?? '',
      '--over',
      'container:web',
      '--',
      'echo in-$((1+1))',
    ]);
    expect(run.code).toBe(1);
    const results = byBoard(run.boards);
    expect(results.get(withWeb ?? '')).toMatchObject({ ok: true, status: 0, output: 'in-2\n' });
    expect(results.get(without ?? '')?.error?.message).toContain('No service or container "web"');
  });

  it('fails a board whose link is cut mid-run alone, within its timeout', async () => {
    const cut = rig.boards[1];
    if (!cut) throw new Error('the rig has no board 1');
    const running = execJson([
      ...names().flatMap((name) => ['--board', name]),
      '--timeout',
      '6',
      '--',
      'sleep 3; echo done',
    ]);
    await rigCommand(['net-off', String(cut.index)]);
    try {
      const run = await running;
      expect(run.code).toBe(1);
      const results = byBoard(run.boards);
      for (const board of rig.boards) {
        const result = results.get(board.hostname);
        if (board === cut) {
          expect(result?.ok).toBe(false);
          expect(result?.status).toBeNull();
          expect(result?.error?.code).toMatch(/TIMEOUT|UNREACHABLE/);
        } else expect(result).toMatchObject({ ok: true, output: 'done\n' });
      }
    } finally {
      await rigCommand(['net-on', String(cut.index)]);
    }
  }, 60_000);

  it('keeps the last of a flood of output per board, and every board still answers', async () => {
    const run = await execJson([
      '--boards',
      'crate=G',
      '--',
      `head -c 5000000 /dev/zero | tr '\\0' x; echo; echo end-of-flood`,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.boards).toHaveLength(3);
    for (const result of run.boards) {
      expect(result.ok).toBe(true);
      expect(result.output.endsWith('\nend-of-flood\n')).toBe(true);
      expect(result.output.length).toBeLessThanOrEqual(64 * 1024);
    }
  });

  it('stops cleanly when cancelled half way: the board that ended says so, the command exits 130', async () => {
    const running = startCli(
      ['exec', '--json', '--boards', 'crate=G', '--concurrency', '1', '--', 'sleep 3; echo slept'],
      serve.home,
    );
    // The first board has ended, the second is running, the third waits.
    await vi.waitFor(() => expect(running.output.stdout).toContain('"event":"group.board"'), {
      timeout: 20_000,
    });
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(130);
    const results = running.output.stdout
      .split('\n')
      .filter((line) => line.includes('"event":"group.board"'))
      .map((line) => (JSON.parse(line) as { result: { ok: boolean; output: string } }).result);
    expect(results[0]).toMatchObject({ ok: true, output: 'slept\n' });
    expect(running.output.stdout).toContain('"code":"CANCELLED"');
  });

  it('refuses a filter that matches nothing, naming it (exit 3)', async () => {
    const run = await exec(['--boards', 'crate=nowhere', '--', 'true']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('No board matches "crate=nowhere"');
  });
});
