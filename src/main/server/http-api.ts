// SPDX-License-Identifier: Apache-2.0
// `POST /api/<command>`: one call, one answer, for curl and scripts. Browsers cannot send a
// cross-origin JSON body without a preflight, so requiring `application/json` closes CSRF.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BenchtopError, toErrorInfo, type ErrorCode } from '../../shared/errors.js';
import type { CallContext } from '../contract/handlers.js';
import type { Engine } from '../engine.js';
import { readJsonBody } from './read-json-body.js';

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const statusOf: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  MALFORMED_MESSAGE: 400,
  UNKNOWN_COMMAND: 400,
  UNSUPPORTED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN_ORIGIN: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  MESSAGE_TOO_LARGE: 413,
};

function httpStatus(code: ErrorCode): number {
  return statusOf[code] ?? 500;
}

function isJsonType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function commandName(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice('/api/'.length));
  } catch {
    throw new BenchtopError(
      'INVALID_INPUT',
      'The command name in the path is not valid UTF-8 percent-encoding.',
    );
  }
}

/** Answers one already authorised `/api/...` request. */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  engine: Engine,
  context: CallContext,
): Promise<void> {
  if (request.method !== 'POST') {
    sendJson(response, 405, {
      error: { code: 'INVALID_INPUT', message: 'Use POST for /api/<command>.' },
    });
    return;
  }
  if (!isJsonType(request.headers['content-type'])) {
    sendJson(response, 415, {
      error: {
        code: 'MALFORMED_MESSAGE',
        message: 'Send the input as JSON with `Content-Type: application/json`.',
      },
    });
    return;
  }
  const command = commandName(pathname);
  const input = await readJsonBody(request);
  const result = await engine.dispatch(command, input, context);
  sendJson(response, 200, { result });
}

/** The answer for a failed request. */
export function sendApiError(response: ServerResponse, error: unknown): void {
  const info = toErrorInfo(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, httpStatus(info.code), { error: info });
}
