// SPDX-License-Identifier: Apache-2.0
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BenchtopError, type ErrorInfo } from '../../shared/errors.js';
import { MAX_FRAME_BYTES, WS_SUBPROTOCOL } from '../../shared/protocol.js';
import { appVersion } from '../app/version.js';
import type { Engine } from '../engine.js';
import { generateToken, isAuthorized } from './auth.js';
import { isAllowedHost, isLoopback, isWildcard, type HostPolicy } from './host-check.js';
import { handleApiRequest, sendApiError, sendJson } from './http-api.js';
import { isAllowedOrigin, originPolicy, type OriginPolicy } from './origin.js';
import { serveStatic } from './static-files.js';
import { serveConnection } from './ws-connection.js';

export interface ServerOptions {
  engine: Engine;
  host?: string;
  port?: number;
  /** Required to bind anything but loopback: the token still guards every request. */
  allowRemote?: boolean;
  /** Names besides this machine's addresses that remote browsers use to reach us. */
  hostNames?: readonly string[];
  token?: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
}

export interface RunningServer {
  /** Opens the UI in one click; the token is in the fragment, which never leaves the browser. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const reasons: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
};

function refuseUpgrade(socket: Duplex, status: number, info: ErrorInfo): void {
  const body = JSON.stringify({ error: info });
  socket.end(
    `HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

const unauthorized: ErrorInfo = {
  code: 'UNAUTHORIZED',
  message: 'This request carries no valid access token.',
};

const misdirected = (host: string | undefined): ErrorInfo => ({
  code: 'FORBIDDEN_ORIGIN',
  message: `This server does not answer to the name "${host ?? ''}"; use the address it printed, or add the name with --host-name.`,
});

const foreignOrigin = (origin: string | undefined): ErrorInfo => ({
  code: 'FORBIDDEN_ORIGIN',
  message: `Requests from ${origin ?? 'that page'} are refused.`,
});

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
  let origins: OriginPolicy = originPolicy(host, 0, !isLoopback(host));
  let hosts: HostPolicy = { listen: host, port: 0, hostNames: options.hostNames ?? [] };
  let nextClient = 1;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!isAllowedHost(request.headers.host, hosts)) {
      sendJson(response, 421, { error: misdirected(request.headers.host) });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) {
      // The UI's own files hold no data; the page gets its token from the URL fragment.
      await serveStatic(options.staticDir, url.pathname, response);
      return;
    }
    if (!isAuthorized(request, token)) {
      sendJson(response, 401, { error: unauthorized });
      return;
    }
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, origins)) {
      sendJson(response, 403, { error: foreignOrigin(request.headers.origin) });
      return;
    }
    await handleApiRequest(request, response, url.pathname, engine, `http-${nextClient++}`);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendApiError(response, error));
  });

  // ws refuses a frame from its header once it announces more than this, before buffering it.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (offered) => (offered.has(WS_SUBPROTOCOL) ? WS_SUBPROTOCOL : false),
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!isAllowedHost(request.headers.host, hosts)) {
      return refuseUpgrade(socket, 421, misdirected(request.headers.host));
    }
    if (!isAuthorized(request, token, true)) return refuseUpgrade(socket, 401, unauthorized);
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, origins)) {
      return refuseUpgrade(socket, 403, foreignOrigin(request.headers.origin));
    }
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/ws')
      return refuseUpgrade(socket, 404, {
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
  origins = originPolicy(host, port, !isLoopback(host));
  hosts = { ...hosts, port };
  const shownHost = isWildcard(host) ? '127.0.0.1' : host;
  const base = `http://${isIP(shownHost) === 6 ? `[${shownHost}]` : shownHost}:${port}`;

  return {
    url: `${base}/#token=${token}`,
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
