// SPDX-License-Identifier: Apache-2.0
// What a hostile or broken client can send `benchtop serve`: huge WebSocket frames, a huge
// POST, a command name that does not decode, a UI file the server cannot open. Each gets an
// answer; memory stays bounded; the server stays up.
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine } from '../../src/main/engine.js';
import { startServer, type RunningServer } from '../../src/main/server/http-server.js';
import { rawHttp } from '../support/raw-http.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

function rssMegabytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? Infinity) / 1024;
}

/** Sends one text frame and resolves with the close code the server gave. */
function sendHuge(port: number, token: string, frame: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
      headers: { authorization: `Bearer ${token}` },
    });
    socket.on('error', () => undefined); // the server may reset us while we are still sending
    socket.once('open', () => socket.send(frame, { binary: false }));
    socket.once('close', (code) => resolve(code));
  });
}

describe('benchtop serve limits (process)', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe();
  });
  afterAll(() => serve.stop());

  it('refuses twenty 15 MB WebSocket frames unread: RSS stays under 150 MB', async () => {
    const frame = Buffer.alloc(15 * 1024 * 1024, 0x20);
    const pid = serve.child.pid ?? 0;
    for (let round = 0; round < 4; round++) {
      const codes = await Promise.all(
        Array.from({ length: 5 }, () => sendHuge(serve.port, serve.token, frame)),
      );
      expect(codes.every((code) => code === 1009 || code === 1006)).toBe(true);
    }
    expect(rssMegabytes(pid)).toBeLessThan(150);
    const client = await connectWs(serve.port, serve.token);
    expect(await client.call('app.info', {})).toMatchObject({ name: 'benchtop' });
    client.close();
  });

  it('answers a 50 MB POST with 413, holding none of it', async () => {
    const response = await fetch(`${serve.origin}/api/app.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: Buffer.alloc(50 * 1024 * 1024, 0x20),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'MESSAGE_TOO_LARGE' } });
    expect(rssMegabytes(serve.child.pid ?? 0)).toBeLessThan(150);
  });

  it('answers a command name with bad percent-encoding with 400', async () => {
    const reply = await rawHttp(serve.port, {
      method: 'POST',
      path: '/api/app.%E0%A4%A',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});

describe('benchtop serve (in process): a UI file that cannot be opened', () => {
  const engine = createEngine({ host: 'server' });
  const staticDir = mkdtempSync(join(tmpdir(), 'benchtop-static-'));
  let server: RunningServer;
  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<div id="root"></div>');
    // A regular file that even root cannot read (write-only sysctl): stat passes, open fails.
    symlinkSync('/proc/sys/vm/compact_memory', join(staticDir, 'unreadable.js'));
    server = await startServer({ engine, staticDir });
  });
  afterAll(async () => {
    await server.close();
    await engine.dispose();
  });

  it('answers 503 instead of crashing, and keeps serving', async () => {
    const refused = await fetch(`http://127.0.0.1:${server.port}/unreadable.js`);
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain('EACCES');
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(await page.text()).toContain('<div id="root">');
  });
});
