// SPDX-License-Identifier: Apache-2.0
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { BenchtopError, type ErrorInfo } from '../../shared/errors.js';
import { MAX_FRAME_BYTES, WS_SUBPROTOCOL } from '../../shared/protocol.js';
import { appVersion } from '../app/version.js';
import type { Engine } from '../engine.js';
import { authenticate, generateToken, type FindUser, type Gate } from './auth.js';
import { isAllowedHost, isLoopback, isWildcard, type HostPolicy } from './host-check.js';
import { handleApiRequest, sendApiError, sendJson } from './http-api.js';
import { localOwner } from '../contract/local-owner.js';
import { OpenCallers } from './open-callers.js';
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
  /** Named users' tokens (the users file); without it only the server's own token opens. */
  findUser?: FindUser;
  /** The built renderer (dist/renderer). */
  staticDir: string;
}

export interface RunningServer {
  /** Opens the UI in one click; the token is in the fragment, which never leaves the browser. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** Checks every named user's open connection again (the users file changed): see OpenCallers. */
  recheckUsers(): Promise<void>;
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

/**
 * A revoked user's WebSocket: a close frame says why (the page can show it), and the socket is
 * cut soon after even if the client never answers; ws-connection reads nothing once closing.
 */
function closeRevoked(ws: WebSocket): void {
  ws.close(4003, 'This user was revoked or changed on this bench.');
  setTimeout(() => ws.terminate(), 1000).unref();
}

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
  const gate: Gate = { token, owner: localOwner(), findUser: options.findUser };
  const callers = new OpenCallers();
  const recheckUsers = async (): Promise<void> => {
    if (options.findUser) await callers.recheck(options.findUser);
  };
  const stopUsersWatch = engine.bus.on('users.changed', () => void recheckUsers());
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
    const who = await authenticate(request, gate);
    if (!who) {
      sendJson(response, 401, { error: unauthorized });
      return;
    }
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, origins)) {
      sendJson(response, 403, { error: foreignOrigin(request.headers.origin) });
      return;
    }
    const { socket } = request;
    // Once per kept-alive socket; the owner's are not tracked (never closed by a revoke).
    if (!who.caller.owner && !callers.has(socket))
      socket.once('close', () => callers.forget(socket));
    callers.add(socket, { ...who, close: () => socket.destroy() });
    const context = {
      transport: 'http',
      clientId: `http-${nextClient++}`,
      caller: who.caller,
    } as const;
    await handleApiRequest(request, response, url.pathname, engine, context);
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
  const upgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    if (!isAllowedHost(request.headers.host, hosts)) {
      return refuseUpgrade(socket, 421, misdirected(request.headers.host));
    }
    const who = await authenticate(request, gate, true);
    if (!who) return refuseUpgrade(socket, 401, unauthorized);
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, origins)) {
      return refuseUpgrade(socket, 403, foreignOrigin(request.headers.origin));
    }
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/ws')
      return refuseUpgrade(socket, 404, {
        code: 'NOT_FOUND',
        message: 'The WebSocket lives at /ws.',
      });
    wss.handleUpgrade(request, socket, head, (ws) => {
      callers.add(ws, { ...who, close: () => closeRevoked(ws) });
      ws.once('close', () => callers.forget(ws));
      serveConnection(
        ws,
        engine,
        { clientId: `ws-${nextClient++}`, caller: who.caller },
        appVersion,
      );
    });
  };
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    upgrade(request, socket, head).catch(() => socket.destroy());
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
    recheckUsers,
    async close() {
      stopUsersWatch();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
