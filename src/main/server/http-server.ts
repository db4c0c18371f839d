// SPDX-License-Identifier: Apache-2.0
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BenchtopError, toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { appVersion } from '../app/version.js';
import type { Engine } from '../engine.js';
import { generateToken, isAuthorized, tokenCookie } from './auth.js';
import { isAllowedOrigin, originPolicy, type OriginPolicy } from './origin.js';
import { serveStatic } from './static-files.js';
import { readJsonBody } from './read-json-body.js';
import { serveConnection } from './ws-connection.js';

export interface ServerOptions {
  engine: Engine;
  host?: string;
  port?: number;
  /** Required to bind anything but loopback: the token still guards every request. */
  allowRemote?: boolean;
  token?: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
}

export interface RunningServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function refuseUpgrade(socket: Duplex, status: number, info: ErrorInfo): void {
  const body = JSON.stringify({ error: info });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

const unauthorized: ErrorInfo = {
  code: 'UNAUTHORIZED',
  message: 'This request carries no valid access token.',
};

/** `benchtop serve`: the renderer and the contract over HTTP + WebSocket, token-guarded. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.allowRemote) {
    throw new BenchtopError(
      'UNSAFE_TARGET',
      `Refusing to listen on ${host}: only loopback is served unless --allow-remote is given.`,
    );
  }
  const token = options.token ?? generateToken();
  const { engine } = options;
  let policy: OriginPolicy = originPolicy(host, 0, !isLoopback(host));
  let nextClient = 1;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!isAuthorized(request, url, token)) {
      sendJson(response, 401, { error: unauthorized });
      return;
    }
    if (url.searchParams.has('token')) {
      // Keep the token in a cookie and take it out of the address bar and history.
      url.searchParams.delete('token');
      response
        .writeHead(303, { 'set-cookie': tokenCookie(token), location: url.pathname + url.search })
        .end();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') {
        sendJson(response, 405, {
          error: { code: 'INVALID_INPUT', message: 'Use POST for /api/<command>.' },
        });
        return;
      }
      const command = decodeURIComponent(url.pathname.slice('/api/'.length));
      const result = await readJsonBody(request).then((input) =>
        engine.dispatch(command, input, {
          transport: 'websocket',
          clientId: `http-${nextClient++}`,
        }),
      );
      sendJson(response, 200, { result });
      return;
    }
    await serveStatic(options.staticDir, url.pathname, response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const info = toErrorInfo(error);
      const status =
        info.code === 'INVALID_INPUT' ||
        info.code === 'MALFORMED_MESSAGE' ||
        info.code === 'UNKNOWN_COMMAND'
          ? 400
          : info.code === 'NOT_FOUND'
            ? 404
            : 500;
      if (!response.headersSent) sendJson(response, status, { error: info });
      else response.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!isAuthorized(request, url, token)) return refuseUpgrade(socket, 401, unauthorized);
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, policy)) {
      return refuseUpgrade(socket, 403, {
        code: 'FORBIDDEN_ORIGIN',
        message: `WebSocket connections from ${request.headers.origin ?? 'that page'} are refused.`,
      });
    }
    if (url.pathname !== '/ws')
      return refuseUpgrade(socket, 403, {
        code: 'NOT_FOUND',
        message: 'The WebSocket lives at /ws.',
      });
    wss.handleUpgrade(request, socket, head, (ws) => {
      serveConnection(ws, engine, `ws-${nextClient++}`, appVersion);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new BenchtopError('BUSY', `Port ${options.port ?? 0} on ${host} is already in use.`),
        );
      } else reject(error);
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  policy = originPolicy(host, port, !isLoopback(host));
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const base = `http://${isIP(shownHost) === 6 ? `[${shownHost}]` : shownHost}:${port}`;

  return {
    url: `${base}/?token=${token}`,
    host,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
