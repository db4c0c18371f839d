// SPDX-License-Identifier: Apache-2.0
// The token travels only where a page elsewhere cannot make a browser put it: an Authorization
// header, or a WebSocket subprotocol. Never a cookie (browsers send those to every port of a
// host) and never the query string (it lands in logs and history).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WS_TOKEN_PREFIX } from '../../shared/protocol.js';
import type { Caller } from '../../shared/roles.js';

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token in `Sec-WebSocket-Protocol: benchtop, benchtop.token.<T>`, if offered. */
function subprotocolToken(request: IncomingMessage): string | undefined {
  const offered = request.headers['sec-websocket-protocol'] ?? '';
  return offered
    .split(',')
    .map((name) => name.trim())
    .find((name) => name.startsWith(WS_TOKEN_PREFIX))
    ?.slice(WS_TOKEN_PREFIX.length);
}

/** The token a request carries: the bearer header, or (WebSocket upgrades) a subprotocol. */
export function requestToken(request: IncomingMessage, upgrade: boolean): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return upgrade ? subprotocolToken(request) : undefined;
}

/** Finds the named user a token belongs to (the users file), or undefined. */
export type FindUser = (token: string) => Promise<Caller | undefined>;

/** Who may come in: the owner by the server's own token, named users by theirs. */
export interface Gate {
  readonly token: string;
  readonly owner: Caller;
  readonly findUser?: FindUser | undefined;
}

/** The caller a request's token names, with the token (kept to check it again later). */
export async function authenticate(
  request: IncomingMessage,
  gate: Gate,
  upgrade = false,
): Promise<{ caller: Caller; token: string } | undefined> {
  const given = requestToken(request, upgrade);
  if (given === undefined || given === '') return undefined;
  if (sameToken(given, gate.token)) return { caller: gate.owner, token: given };
  const caller = await gate.findUser?.(given);
  return caller && { caller, token: given };
}
