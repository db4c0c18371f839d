// SPDX-License-Identifier: Apache-2.0
// Probes against real servers on loopback standing in for a board's supervisor, engine and ssh:
// one that answers, one that refuses, and one that accepts and then hangs on every port.
import { describe, it, expect, afterEach } from 'vitest';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { DOCKER_PORT } from '../../src/main/docker/index.js';
import {
  SUPERVISOR_PORT,
  DEFAULT_SSH_PORT,
  probeEngine,
  probeSsh,
  probeSupervisor,
} from '../../src/main/discover/probe.js';

const HOST = '127.0.0.1';
const servers: (HttpServer | TcpServer)[] = [];
const sockets = new Set<Socket>();

function listen<S extends HttpServer | TcpServer>(server: S, port: number): Promise<S> {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(`port ${port} on ${HOST} is taken (${error.code}); these tests need it free`),
      ),
    );
    server.listen(port, HOST, () => resolve(server));
  });
}

/** Accepts and never answers: the worst kind of board. */
const hanging = (port: number) =>
  listen(
    createTcpServer(() => undefined),
    port,
  );

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('probes', () => {
  it('reads device type and arch from a supervisor in local mode', async () => {
    await listen(
      createHttpServer((req, res) => {
        if (req.url === '/ping') res.end('OK');
        else if (req.url === '/v2/local/device-info')
          res.end(
            JSON.stringify({
              status: 'success',
              info: { arch: 'aarch64', deviceType: 'raspberrypi4-64' },
            }),
          );
        else res.writeHead(404).end();
      }),
      SUPERVISOR_PORT,
    );
    expect(await probeSupervisor(HOST)).toEqual({ deviceType: 'raspberrypi4-64', arch: 'aarch64' });
  });

  it('counts a supervisor up when only /ping answers (device info needs a key)', async () => {
    await listen(
      createHttpServer((req, res) =>
        req.url === '/ping' ? res.end('OK') : res.writeHead(401).end(),
      ),
      SUPERVISOR_PORT,
    );
    expect(await probeSupervisor(HOST)).toEqual({});
  });

  it('says "connection refused" where nothing listens', async () => {
    await expect(probeSupervisor(HOST, 500)).rejects.toThrow(/connection refused/);
    await expect(probeEngine(HOST, 500)).rejects.toThrow(/connection refused/);
    await expect(probeSsh(HOST, DEFAULT_SSH_PORT, 500)).rejects.toThrow(/connection refused/);
  });

  it('gives up on a board that accepts and hangs on every port, within the timeout', async () => {
    await hanging(SUPERVISOR_PORT);
    await hanging(DOCKER_PORT);
    await expect(probeSupervisor(HOST, 300)).rejects.toThrow(/no answer within 300 ms/);
    await expect(probeEngine(HOST, 300)).rejects.toThrow(/no answer within 300 ms/);
  });

  it('counts ssh open when the port accepts, banner or not', async () => {
    await hanging(DEFAULT_SSH_PORT);
    expect(await probeSsh(HOST, DEFAULT_SSH_PORT, 300)).toEqual({});
  });

  it('refuses an engine that answers /_ping with something else, and oversized answers', async () => {
    await listen(
      createHttpServer((req, res) => {
        if (req.url === '/_ping') res.end('OK');
        else res.end('x'.repeat(2 * 1024 * 1024));
      }),
      DOCKER_PORT,
    );
    await expect(probeEngine(HOST, 2000)).rejects.toThrow(/larger than/);
  });
});
