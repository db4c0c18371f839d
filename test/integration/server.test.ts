// SPDX-License-Identifier: Apache-2.0
// `benchtop serve` driven from real HTTP and WebSocket clients: the built CLI in a child
// process for the guards, and the same server in-process where a test needs to start a job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine } from '../../src/main/engine.js';
import { startServer, type RunningServer } from '../../src/main/server/http-server.js';
import { rendererDir } from '../../src/main/app/package-root.js';
import type { Job } from '../../src/shared/jobs.js';
import type { FlashResult } from '../../src/shared/contract/index.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

/** Opens a raw socket and resolves with the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => undefined);
  });
}

/** A raw WebSocket that collects every frame, for speaking the protocol by hand. */
async function rawSocket(port: number, token: string) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  socket.on('error', () => undefined); // a refused frame may reset the socket mid-send
  const frames: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data: Buffer) => {
    frames.push(JSON.parse(data.toString()) as Record<string, unknown>);
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise((resolve) => socket.once('open', resolve));
  const next = async (predicate: (frame: Record<string, unknown>) => boolean) => {
    for (;;) {
      const found = frames.find(predicate);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { socket, frames, next };
}

describe('benchtop serve (process)', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe();
  });
  afterAll(() => serve.stop());

  it('prints a loopback URL that carries the token in its fragment only', () => {
    expect(serve.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${serve.port}/#token=${serve.token}$`),
    );
  });

  it('serves the UI without a token, with a strict CSP and no cookie', async () => {
    const page = await fetch(`${serve.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
  });

  it('refuses /api without the bearer token: none, wrong, in a cookie or in the query', async () => {
    const call = (path: string, headers: Record<string, string>) =>
      fetch(`${serve.origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    const bare = await call('/api/app.info', {});
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect((await call('/api/app.info', { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await call('/api/app.info', { cookie: `benchtop_token=${serve.token}` })).status).toBe(
      401,
    );
    expect((await call(`/api/app.info?token=${serve.token}`, {})).status).toBe(401);
  });

  it('answers the contract over POST /api/<command> with the token', async () => {
    const response = await fetch(`${serve.origin}/api/app.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { host: string } }).result.host).toBe('server');
    const bad = await fetch(`${serve.origin}/api/app.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe(
      'MALFORMED_MESSAGE',
    );
  });

  it('refuses WebSocket upgrades without the token or from a foreign Origin', async () => {
    const ws = `ws://127.0.0.1:${serve.port}/ws`;
    expect(await upgradeStatus(ws, {})).toBe(401);
    expect(await upgradeStatus(ws, { authorization: 'Bearer wrong' })).toBe(401);
    expect(
      await upgradeStatus(ws, {
        authorization: `Bearer ${serve.token}`,
        origin: 'http://evil.example',
      }),
    ).toBe(403);
    expect(
      await upgradeStatus(ws, { authorization: `Bearer ${serve.token}`, origin: serve.origin }),
    ).toBe(101);
    expect(await upgradeStatus(`${ws}?token=${serve.token}`, {})).toBe(401);
    expect(await upgradeStatus(ws, { cookie: `benchtop_token=${serve.token}` })).toBe(401);
  });

  it('takes the token as a WebSocket subprotocol, as a browser sends it, and echoes benchtop', async () => {
    const ws = `ws://127.0.0.1:${serve.port}/ws`;
    const socket = new WebSocket(ws, ['benchtop', `benchtop.token.${serve.token}`], {
      origin: serve.origin,
    });
    await new Promise((resolve) => socket.once('open', resolve));
    expect(socket.protocol).toBe('benchtop');
    socket.close();
    expect(
      await upgradeStatus(ws, { 'sec-websocket-protocol': 'benchtop, benchtop.token.x' }),
    ).toBe(401);
  });

  it('answers a command over the WebSocket through the typed client', async () => {
    const client = await connectWs(serve.port, serve.token);
    const info = await client.call('app.info', {});
    expect(info).toMatchObject({ name: 'benchtop', host: 'server' });
    client.close();
  });

  it('answers malformed, unknown and invalid frames with errors, closes on an oversized one, and stays up for everyone', async () => {
    const bystander = await connectWs(serve.port, serve.token);
    const { socket, next } = await rawSocket(serve.port, serve.token);
    socket.send('{this is not json');
    expect(await next((f) => f['type'] === 'error')).toMatchObject({
      id: null,
      error: { code: 'MALFORMED_MESSAGE' },
    });
    socket.send(JSON.stringify({ type: 'call', id: 1, command: 'no.such', input: {} }));
    expect(await next((f) => f['id'] === 1)).toMatchObject({
      type: 'error',
      error: { code: 'UNKNOWN_COMMAND' },
    });
    socket.send(JSON.stringify({ type: 'call', id: 2, command: 'jobs.get', input: { jobId: 5 } }));
    expect(await next((f) => f['id'] === 2)).toMatchObject({
      type: 'error',
      error: { code: 'INVALID_INPUT' },
    });
    socket.send(Buffer.from([0, 1, 2]), { binary: true });
    socket.send(JSON.stringify({ type: 'call', id: 4, command: 'app.info' }));
    expect(await next((f) => f['id'] === 4)).toMatchObject({
      type: 'result',
      result: { name: 'benchtop' },
    });
    // Past the 1 MB frame cap the server closes the socket ("message too big") unread.
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(
      JSON.stringify({
        type: 'call',
        id: 3,
        command: 'app.info',
        input: { pad: 'x'.repeat(2 * 1024 * 1024) },
      }),
    );
    // 1009 when the server's close frame reaches us; 1006 when it closes while we are still
    // sending the 2 MB and the connection resets first (seen on a loaded CI machine). Either
    // way the server ended this socket and, below, still serves everyone else.
    expect([1009, 1006]).toContain(await closed);
    expect(await bystander.call('app.info', {})).toMatchObject({ name: 'benchtop' });
    bystander.close();
  });

  it('refuses to listen beyond loopback without --allow-remote', async () => {
    await expect(startServe({ args: ['--host', '0.0.0.0'] })).rejects.toThrow(/only loopback/);
  });
});

describe('benchtop serve (in process): events', () => {
  const engine = createEngine({ host: 'server' });
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ engine, staticDir: rendererDir });
  });
  afterAll(async () => {
    await server.close();
    await engine.dispose();
  });

  it('streams job events to subscribed clients only, up to the final state', async () => {
    const watcher = await connectWs(server.port, server.token);
    const idle = await rawSocket(server.port, server.token);
    const seen: Job[] = [];
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    watcher.on('job.update', (job) => {
      seen.push(job);
      if (job.state !== 'running') finished();
    });
    await watcher.call('app.info', {}); // the subscription is on the wire before the job starts
    const counted: FlashResult = { cards: [], bytesWritten: 3, sparse: false };
    const job = engine.jobs.start('flash.start', 'Counting', async (ctx) => {
      ctx.phase('counting');
      for (let n = 1; n <= 3; n++) ctx.progress({ done: n, total: 3, unit: 'steps' });
      return counted;
    });
    await done;
    expect(seen.every((j) => j.id === job.id)).toBe(true);
    expect(seen.map((j) => j.phase)).toContain('counting');
    expect(seen.at(-1)).toMatchObject({ state: 'succeeded', result: counted });
    expect(idle.frames.filter((f) => f['type'] === 'event')).toHaveLength(0);
    const cancelled = engine.jobs.start(
      'flash.start',
      'Waiting',
      (ctx) =>
        new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(counted))),
    );
    await watcher.call('jobs.cancel', { jobId: cancelled.id });
    expect((await engine.jobs.wait(cancelled.id)).state).toBe('cancelled');
    watcher.close();
    idle.socket.close();
  });

  it('sends a subscription with a key only the events about that key', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const run = (title: string) =>
      engine.jobs.start('flash.start', title, async (ctx): Promise<FlashResult> => {
        await gate;
        ctx.phase('counting');
        return { cards: [], bytesWritten: title.length, sparse: false };
      });
    const mine = run('Mine');
    const other = run('Other');
    const keyed = await rawSocket(server.port, server.token);
    keyed.socket.send(JSON.stringify({ type: 'subscribe', events: ['job.update'], key: mine.id }));
    keyed.socket.send(JSON.stringify({ type: 'call', id: 1, command: 'app.info' }));
    await keyed.next((f) => f['id'] === 1); // the subscription is in place
    release();
    await Promise.all([engine.jobs.wait(mine.id), engine.jobs.wait(other.id)]);
    // An answer goes out after every event sent before it: all of them are in by then.
    keyed.socket.send(JSON.stringify({ type: 'call', id: 2, command: 'app.info' }));
    await keyed.next((f) => f['id'] === 2);
    const jobs = keyed.frames.filter((f) => f['type'] === 'event').map((f) => f['payload'] as Job);
    expect(jobs.map((job) => job.id)).toEqual(jobs.map(() => mine.id));
    expect(jobs.at(-1)).toMatchObject({ id: mine.id, state: 'succeeded' });
    keyed.socket.close();
  });
});
