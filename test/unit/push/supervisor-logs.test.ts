// SPDX-License-Identifier: Apache-2.0
// Following a board's /v2/local/logs, against a FAKE balena-supervisor
// (test/support/fake-supervisor.ts): the real one cannot run here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  keepLogLine,
  LogLineSplitter,
  streamSupervisorLogs,
  type LogConnectionEvent,
  type SupervisorLogLine,
} from '../../../src/main/push/supervisor/index.js';
import { FakeSupervisor } from '../../support/fake-supervisor.js';

let fake: FakeSupervisor;
let stop: AbortController;
let lines: SupervisorLogLine[];
let events: LogConnectionEvent[];

beforeEach(async () => {
  fake = await FakeSupervisor.start();
  stop = new AbortController();
  lines = [];
  events = [];
});
afterEach(async () => {
  stop.abort();
  await fake.stop();
});

const follow = (timeoutMs = 3000) =>
  streamSupervisorLogs({
    address: fake.address,
    signal: stop.signal,
    onLine: (line) => lines.push(line),
    onConnection: (event) => events.push(event),
    timeoutMs,
    heartbeatMs: 50,
    retryDelayMs: 20,
    maxRetryDelayMs: 50,
  });

const web = (message: string) => ({ serviceName: 'web', serviceId: 1, message, isStdErr: false });

describe('supervisor logs (fake balena-supervisor)', () => {
  it('gives typed lines for services and the supervisor, skipping the greeting and junk', async () => {
    const following = follow();
    await expect.poll(() => fake.openLogStreams).toBe(1);
    fake.emitLog(web('listening on :80'));
    fake.emitRaw('not json\n{"no":"message"}\n');
    fake.emitLog({ isSystem: true, message: "Started service 'web local_image_web:latest'" });
    fake.emitLog({ ...web('oops'), isStdErr: true, timestamp: 1764576000000 });
    await expect.poll(() => lines.length).toBe(3);
    expect(lines[0]).toMatchObject({
      service: 'web',
      message: 'listening on :80',
      isSystem: false,
    });
    expect(lines[1]).toMatchObject({ service: null, isSystem: true });
    expect(lines[2]).toEqual({
      service: 'web',
      message: 'oops',
      timestamp: 1764576000000,
      isSystem: false,
      isStdErr: true,
    });
    stop.abort();
    await expect(following).resolves.toBeUndefined();
  });

  it('reconnects when the supervisor drops the stream', async () => {
    const following = follow();
    await expect.poll(() => fake.openLogStreams).toBe(1);
    fake.dropLogStreams();
    await expect.poll(() => events.map((e) => e.state)).toEqual(['connected', 'lost', 'connected']);
    await expect.poll(() => fake.openLogStreams).toBe(1);
    fake.emitLog(web('after the drop'));
    await expect.poll(() => lines.map((l) => l.message)).toEqual(['after the drop']);
    stop.abort();
    await following;
  });

  it('reconnects when the board goes off and comes back on the same address', async () => {
    const following = follow();
    await expect.poll(() => fake.openLogStreams).toBe(1);
    await fake.stop();
    await expect.poll(() => events.map((e) => e.state)).toEqual(['connected', 'lost']);
    await fake.restart();
    await expect.poll(() => fake.openLogStreams).toBe(1);
    fake.emitLog(web('back'));
    await expect.poll(() => lines.map((l) => l.message)).toEqual(['back']);
    expect(events.at(-1)).toEqual({ state: 'connected' });
    stop.abort();
    await following;
  });

  it('notices a board that went silent without closing the connection, and comes back to it', async () => {
    const following = follow(200);
    await expect.poll(() => fake.openLogStreams).toBe(1);
    fake.silent = true;
    await expect.poll(() => events.map((e) => e.state)).toEqual(['connected', 'lost']);
    expect(events[1]).toMatchObject({ reason: expect.stringContaining('no answer') as unknown });
    fake.silent = false;
    await expect.poll(() => events.map((e) => e.state)).toEqual(['connected', 'lost', 'connected']);
    stop.abort();
    await following;
  });

  it('fails at once when no supervisor answers the first time', async () => {
    await fake.stop();
    await expect(follow()).rejects.toMatchObject({ code: 'UNREACHABLE' });
    await fake.restart();
  });

  it('fails with the reason when the board is managed by a cloud', async () => {
    fake.mode = 'cloud-managed';
    await expect(follow()).rejects.toMatchObject({ code: 'NOT_LOCAL_MODE' });
  });
});

describe('log line splitter', () => {
  it('joins lines cut across chunks, even inside a multi-byte character', () => {
    const splitter = new LogLineSplitter();
    const bytes = new TextEncoder().encode(
      `${JSON.stringify({ serviceName: 'web', message: 'température 20°C', timestamp: 5 })}\n`,
    );
    const cut = bytes.indexOf(0xc2) + 1;
    expect(splitter.push(bytes.slice(0, cut))).toEqual([]);
    expect(splitter.push(bytes.slice(cut))).toEqual([
      {
        service: 'web',
        message: 'température 20°C',
        timestamp: 5,
        isSystem: false,
        isStdErr: false,
      },
    ]);
  });
});

describe('log filter', () => {
  const line = (service: string | null) => ({
    service,
    message: 'm',
    timestamp: 0,
    isSystem: service === null,
    isStdErr: false,
  });

  it('keeps everything unless services or system lines are asked for', () => {
    expect([line('web'), line(null)].map((l) => keepLogLine(l, {}))).toEqual([true, true]);
  });

  it('keeps the services named, and system lines only with --system', () => {
    const lines = [line('web'), line('data'), line(null)];
    expect(lines.map((l) => keepLogLine(l, { services: ['web'] }))).toEqual([true, false, false]);
    expect(lines.map((l) => keepLogLine(l, { system: true }))).toEqual([false, false, true]);
    expect(lines.map((l) => keepLogLine(l, { services: ['data'], system: true }))).toEqual([
      false,
      true,
      true,
    ]);
  });
});
