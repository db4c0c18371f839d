// SPDX-License-Identifier: Apache-2.0
// What a board's supervisor meant by each way of not doing what was asked, in words for the
// person at the bench. Pure, so every mapping is unit-tested without a board.
import { BenchtopError } from '../../../shared/errors.js';

/** The supervisor's API port on balenaOS. */
export const SUPERVISOR_PORT = 48484;

/** No answer at all: refused, unroutable, or silent past the deadline. */
export function noAnswerError(where: string, cause: unknown, timeoutMs: number): BenchtopError {
  return new BenchtopError(
    'UNREACHABLE',
    `No balena supervisor answers on ${where} (${causeWords(cause, timeoutMs)}): the board is off, ` +
      'not on this network, or not running a balenaOS development image.',
  );
}

/** A non-2xx answer to `method path`, with the body the supervisor sent. */
export function httpError(
  where: string,
  method: string,
  path: string,
  status: number,
  body: string,
): BenchtopError {
  const said = supervisorMessage(body);
  if (status === 401) {
    // The API asks for a key only when the device is managed by a cloud and not in local mode.
    return new BenchtopError(
      'NOT_LOCAL_MODE',
      `The supervisor on ${where} refused ${method} ${path} without an API key (HTTP 401): the board ` +
        'is managed by balenaCloud and is not in local mode, so it only runs releases from its fleet.',
    );
  }
  if (status === 400 && /local mode/i.test(said)) {
    return new BenchtopError(
      'NOT_LOCAL_MODE',
      `The supervisor on ${where} is not in local mode, so it will not take a release from this ` +
        `machine (${method} ${path}: "${said}"). Turn local mode on for the board, then push again.`,
    );
  }
  if (status === 400) {
    return new BenchtopError(
      'INVALID_CONFIG',
      `The supervisor on ${where} refused the target state: ${said || 'HTTP 400 with no reason given'}.`,
      body.slice(0, 4000),
    );
  }
  return new BenchtopError(
    'UNREACHABLE',
    `The supervisor on ${where} answered ${method} ${path} with HTTP ${status}` +
      (said === '' ? '.' : `: ${said}`),
    body.slice(0, 4000),
  );
}

/** An answer that is not the documented shape (another service on the port, or a new API). */
export function shapeError(where: string, path: string, what: string, body: string): BenchtopError {
  return new BenchtopError(
    'UNSUPPORTED',
    `The answer of ${where} to ${path} is not what a balena supervisor sends (${what}).`,
    body.slice(0, 4000),
  );
}

/** `{ status: 'failed', message }` bodies carry the reason; plain-text ones are the reason. */
export function supervisorMessage(body: string): string {
  const text = body.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
      const { message } = parsed;
      if (typeof message === 'string') return message.slice(0, 500);
    }
  } catch {
    // Not JSON: the text itself is the message (Express's sendStatus sends "Unauthorized").
  }
  return text.slice(0, 500);
}

function causeWords(cause: unknown, timeoutMs: number): string {
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const code = errnoCode(cause);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'no such host';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection dropped';
  return cause instanceof Error ? cause.message : String(cause);
}

/** fetch wraps the socket's error in `cause`; look one level down for its errno code. */
function errnoCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; depth < 3; depth += 1) {
    if (typeof current !== 'object' || current === null) return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
