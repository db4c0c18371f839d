// SPDX-License-Identifier: Apache-2.0
// The guards of `benchtop serve` on the real process: Host (DNS rebinding), Content-Type and
// Origin on /api (CSRF), no redirect to elsewhere, server.json private, no per-client state
// left behind by a one-shot HTTP call, and the ways in that README promises still working.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHttp } from '../support/raw-http.js';
import { cliPath, startServe, tempHome, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

const run = promisify(execFile);

describe('benchtop serve guards', () => {
  let serve: ServeProcess;
  let home: string;
  const json = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${serve.token}`,
    'content-type': 'application/json',
    ...extra,
  });
  beforeAll(async () => {
    home = tempHome();
    // An old server.json left world-readable: writing over it would keep its mode.
    writeFileSync(join(home, 'server.json'), '{}', { mode: 0o644 });
    serve = await startServe({ home, args: ['--host-name', 'bench.example'] });
  });
  afterAll(() => serve.stop());

  it('writes server.json fresh, 0600, with the token of the printed URL', () => {
    const file = join(home, 'server.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const state = JSON.parse(readFileSync(file, 'utf8')) as { token: string; port: number };
    expect(state).toMatchObject({ token: serve.token, port: serve.port });
    expect(serve.url.endsWith(`#token=${state.token}`)).toBe(true);
  });

  it('answers 421 to a Host it is not reached by, on the UI, /api and /ws', async () => {
    const evil = { host: `evil.example:${serve.port}` };
    expect((await rawHttp(serve.port, { path: '/', headers: evil })).status).toBe(421);
    const api = await rawHttp(serve.port, {
      method: 'POST',
      path: '/api/app.info',
      headers: json(evil),
      body: '{}',
    });
    expect(api.status).toBe(421);
    const upgrade = await rawHttp(serve.port, {
      path: '/ws',
      headers: {
        ...evil,
        authorization: `Bearer ${serve.token}`,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    expect(upgrade.status).toBe(421);
    const otherPort = { host: `127.0.0.1:${serve.port + 1}` };
    expect((await rawHttp(serve.port, { path: '/', headers: otherPort })).status).toBe(421);
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'bench.example']) {
      const reply = await rawHttp(serve.port, {
        method: 'POST',
        path: '/api/app.info',
        headers: json({ host: `${host}:${serve.port}` }),
        body: '{}',
      });
      expect(reply.status, host).toBe(200);
    }
  });

  it('wants Content-Type: application/json on /api, else 415', async () => {
    const post = (headers: Record<string, string>) =>
      rawHttp(serve.port, { method: 'POST', path: '/api/app.info', headers, body: '{}' });
    const bearer = { authorization: `Bearer ${serve.token}` };
    expect((await post(bearer)).status).toBe(415);
    expect((await post({ ...bearer, 'content-type': 'text/plain' })).status).toBe(415);
    expect(
      (await post({ ...bearer, 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    expect((await post(json({ 'content-type': 'application/json; charset=utf-8' }))).status).toBe(
      200,
    );
  });

  it('checks Origin on /api as on the WebSocket', async () => {
    const post = (origin: string) =>
      rawHttp(serve.port, {
        method: 'POST',
        path: '/api/app.info',
        headers: json({ origin }),
        body: '{}',
      });
    const foreign = await post('http://127.0.0.1:18080');
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
    expect((await post('http://evil.example')).status).toBe(403);
    expect((await post(serve.origin)).status).toBe(200);
  });

  it('never redirects elsewhere: /.//evil.example/x answers the UI itself', async () => {
    const reply = await rawHttp(serve.port, { path: `/.//evil.example/x?token=${serve.token}` });
    expect(reply.headers.location).toBeUndefined();
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<div id="root">');
  });

  it('runs the README curl example', async () => {
    const { stdout } = await run('curl', [
      '-s',
      '-H',
      `Authorization: Bearer ${serve.token}`,
      '-H',
      'Content-Type: application/json',
      '-d',
      '{}',
      `http://127.0.0.1:${serve.port}/api/app.info`,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ result: { name: 'benchtop', host: 'server' } });
  });

  it('lets the CLI attach to it through server.json', async () => {
    const { stdout } = await run(process.execPath, [cliPath, 'info', '--json'], {
      env: { ...process.env, BENCHTOP_HOME: home },
    });
    expect(JSON.parse(stdout)).toMatchObject({ host: 'server', via: 'server' });
  });
});

describe('per-client state over one-shot HTTP', () => {
  let serve: ServeProcess;
  let pty: ChildProcess;
  const link = join(mkdtempSync(join(tmpdir(), 'benchtop-pty-')), 'tty');
  beforeAll(async () => {
    serve = await startServe();
    pty = spawn('socat', [`pty,link=${link},raw,echo=0`, 'EXEC:cat'], { stdio: 'ignore' });
  });
  afterAll(async () => {
    pty.kill('SIGTERM');
    await serve.stop();
  });

  it('refuses console.open over HTTP, naming the WebSocket and the CLI, and leaves no viewer', async () => {
    await expect.poll(() => existsSync(link)).toBe(true);
    const reply = await rawHttp(serve.port, {
      method: 'POST',
      path: '/api/console.open',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ path: link }),
    });
    expect(reply.status).toBe(400);
    const { error } = JSON.parse(reply.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/WebSocket/);
    expect(error.message).toMatch(/benchtop console/);
    const client = await connectWs(serve.port, serve.token);
    expect(await client.call('console.list', {})).toEqual([]);
    const opened = await client.call('console.open', { path: link });
    expect(opened.viewers).toBe(1);
    client.close();
  });
});
