// SPDX-License-Identifier: Apache-2.0
// Logs of a pushed project from a rig board's real dockerd: the last lines per service, in time
// order, filtered, and followed across a re-push and the engine stopping and starting again.
// Root and the rig's tools; run under the rig lock.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type Docker from 'dockerode';
import { createDockerClient } from '../../src/main/docker/index.js';
import {
  followLogs,
  readLogs,
  type LogLine,
  type ServiceLogLine,
} from '../../src/main/push/logs/index.js';
import { rigCommand, rigDown, rigUpOneBoard, type RigBoard } from '../rig/index.js';
import {
  counterScript,
  openSocketsTo,
  removeProjects,
  runLabelled,
} from '../fixtures/push-containers.js';

let board: RigBoard;
let docker: Docker;
const projects = ['logdemo', 'logother'];

beforeAll(async () => {
  board = await rigUpOneBoard();
  docker = await createDockerClient(board.address);
  await runLabelled(docker, {
    project: 'logdemo',
    service: 'counter',
    script: counterScript('line'),
  });
  await runLabelled(docker, {
    project: 'logdemo',
    service: 'term',
    script: counterScript('tty'),
    tty: true,
  });
  await runLabelled(docker, {
    project: 'logother',
    service: 'solo',
    script: counterScript('solo'),
  });
  // Enough lines that a tail of 5 is a real cut.
  await vi.waitFor(
    async () => {
      const lines = await readLogs(docker, { project: 'logdemo', tail: 20 });
      if (lines.length < 40) throw new Error(`${lines.length} lines so far`);
    },
    { timeout: 20_000, interval: 250 },
  );
}, 150_000);

afterAll(async () => {
  await removeProjects(docker, projects);
  await rigDown();
}, 150_000);

const numbered = (lines: readonly LogLine[], service: string, word: string): number[] =>
  lines
    .filter((l): l is ServiceLogLine => !l.system && l.service === service)
    .map((l) => new RegExp(`^${word} (\\d+)$`).exec(l.message))
    .flatMap((m) => (m?.[1] === undefined ? [] : [Number(m[1])]));

const isSorted = (lines: readonly LogLine[]) =>
  lines.every((l, i) => i === 0 || (lines[i - 1]?.timestamp ?? '') <= l.timestamp);

describe('logs of a project on a plain engine', () => {
  it('gives the last N lines of each service, stdout and stderr demultiplexed, a TTY as stdout', async () => {
    const lines = await readLogs(docker, { project: 'logdemo', tail: 5 });
    const counter = lines.filter((l) => l.service === 'counter');
    const term = lines.filter((l) => l.service === 'term');
    expect([counter.length, term.length]).toEqual([5, 5]);
    expect(new Set(counter.map((l) => l.stream))).toEqual(new Set(['stdout', 'stderr']));
    expect(
      counter.filter((l) => l.stream === 'stderr').every((l) => /^line-err \d+$/.test(l.message)),
    ).toBe(true);
    expect(term.every((l) => l.stream === 'stdout' && /^tty(-err)? \d+$/.test(l.message))).toBe(
      true,
    );
    expect(lines.every((l) => l.project === 'logdemo' && l.system === false)).toBe(true);
  });

  it('interleaves the services in time order', async () => {
    const lines = await readLogs(docker, { project: 'logdemo', tail: 30 });
    expect(isSorted(lines)).toBe(true);
    const switches = lines.filter((l, i) => i > 0 && lines[i - 1]?.service !== l.service).length;
    expect(switches).toBeGreaterThan(4);
  });

  it('keeps only the services asked for, and every project when none is named', async () => {
    const term = await readLogs(docker, { project: 'logdemo', services: ['term'], tail: 3 });
    expect(term.map((l) => l.service)).toEqual(['term', 'term', 'term']);
    const everything = await readLogs(docker, { tail: 2 });
    expect(new Set(everything.map((l) => `${l.project}/${l.service}`))).toEqual(
      new Set(['logdemo/counter', 'logdemo/term', 'logother/solo']),
    );
  });

  it('fails at once, as UNREACHABLE, when nothing listens at the address', async () => {
    const nobody = await createDockerClient(board.hostAddress);
    const follow = followLogs(nobody, {
      signal: new AbortController().signal,
      onLine: () => undefined,
    });
    await expect(follow).rejects.toMatchObject({ code: 'UNREACHABLE' });
  });
});

describe('following logs', () => {
  it('streams new lines of every service without repeats, and closes its sockets when stopped', async () => {
    const lines: LogLine[] = [];
    const stop = new AbortController();
    const following = followLogs(docker, {
      project: 'logdemo',
      tail: 3,
      signal: stop.signal,
      onLine: (l) => lines.push(l),
    });
    await expect.poll(() => numbered(lines, 'counter', 'line').length).toBeGreaterThan(10);
    await expect.poll(() => numbered(lines, 'term', 'tty').length).toBeGreaterThan(10);
    stop.abort();
    await following;
    const counter = numbered(lines, 'counter', 'line');
    expect(counter).toEqual(counter.map((_, i) => (counter[0] ?? 0) + i));
    expect(lines.some((l) => l.system)).toBe(false);
    await expect.poll(() => openSocketsTo(board.address)).toBe(0);
  });

  it('picks up the container a re-push put in place of the old one', async () => {
    const lines: LogLine[] = [];
    const stop = new AbortController();
    const following = followLogs(docker, {
      project: 'logdemo',
      services: ['counter'],
      tail: 1,
      signal: stop.signal,
      onLine: (l) => lines.push(l),
    });
    await expect.poll(() => numbered(lines, 'counter', 'line').length).toBeGreaterThan(2);
    await docker.getContainer('logdemo_counter_1').remove({ force: true });
    await runLabelled(docker, {
      project: 'logdemo',
      service: 'counter',
      script: counterScript('new'),
    });
    await expect.poll(() => numbered(lines, 'counter', 'new').length).toBeGreaterThan(3);
    stop.abort();
    await following;
    expect(numbered(lines, 'counter', 'new').slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(lines.every((l) => l.service === 'counter')).toBe(true);
  });

  it('says when the board is lost and back, and resumes without repeating a line', async () => {
    const lines: LogLine[] = [];
    const stop = new AbortController();
    const following = followLogs(docker, {
      project: 'logdemo',
      tail: 2,
      signal: stop.signal,
      onLine: (l) => lines.push(l),
    });
    await expect.poll(() => numbered(lines, 'term', 'tty').length).toBeGreaterThan(3);
    await rigCommand(['engine-stop', '0']);
    await expect
      .poll(() => lines.filter((l) => l.system).map((l) => l.message.split(':')[0]))
      .toEqual(['board lost']);
    const before = lines.length;
    await rigCommand(['engine-start', '0']);
    await expect
      .poll(() => lines.some((l) => l.system && l.message === 'board back'), { timeout: 30_000 })
      .toBe(true);
    // The engine restarts both containers (restart: always); their new runs count from 0 again.
    await expect
      .poll(() => numbered(lines.slice(before), 'term', 'tty').includes(3), { timeout: 30_000 })
      .toBe(true);
    await expect.poll(() => numbered(lines.slice(before), 'counter', 'new').includes(3)).toBe(true);
    stop.abort();
    await following;
    const keys = lines
      .filter((l) => !l.system)
      .map((l) => `${l.service} ${l.stream} ${l.timestamp} ${l.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    await expect.poll(() => openSocketsTo(board.address)).toBe(0);
  });

  it('notices a board that went quiet (its link down) by its heartbeat, and resumes when it returns', async () => {
    const lines: LogLine[] = [];
    const stop = new AbortController();
    const following = followLogs(docker, {
      project: 'logdemo',
      services: ['term'],
      tail: 1,
      heartbeatMs: 1000,
      signal: stop.signal,
      onLine: (l) => lines.push(l),
    });
    await expect.poll(() => numbered(lines, 'term', 'tty').length).toBeGreaterThan(2);
    await rigCommand(['net-off', '0']);
    await expect
      .poll(() => lines.some((l) => l.system && l.message.startsWith('board lost: ')))
      .toBe(true);
    const lost = lines.length;
    await rigCommand(['net-on', '0']);
    await expect.poll(() => lines.some((l) => l.system && l.message === 'board back')).toBe(true);
    // The container ran on while the link was down: what it wrote then arrives, once each.
    await expect.poll(() => numbered(lines.slice(lost), 'term', 'tty').length).toBeGreaterThan(3);
    stop.abort();
    await following;
    const seen = numbered(lines, 'term', 'tty');
    expect(seen).toEqual(seen.map((_, i) => (seen[0] ?? 0) + i));
    await expect.poll(() => openSocketsTo(board.address)).toBe(0);
  });
});
