// SPDX-License-Identifier: Apache-2.0
// A failed engine request described by what was being done ("starting container demo_web"),
// for work that runs many requests on one board (push's build and deploy). dockerError names
// the board instead, for one-off requests.
import { BenchtopError, type ErrorCode } from '../../shared/errors.js';

interface EngineFailure {
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly json?: unknown;
  readonly message?: unknown;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
]);

/** What the engine said in its response body, if it answered with one. */
export function engineSaid(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const json = (error as EngineFailure).json;
  if (typeof json === 'object' && json !== null && 'message' in json) {
    const message = json.message;
    if (typeof message === 'string' && message.trim()) return message.trim();
  }
  return undefined;
}

/** The engine's own sentence, without dockerode's "(HTTP code 500) server error - " prefix. */
export function engineMessage(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const said = engineSaid(error);
  if (said !== undefined) return said;
  const failure = error as EngineFailure;
  const message = typeof failure.message === 'string' ? failure.message : 'no reason given';
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

/** The HTTP status the engine answered, if it answered at all. */
export function engineStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as EngineFailure).statusCode;
  return typeof status === 'number' ? status : undefined;
}

const isPortConflict = (text: string): boolean =>
  /port is already allocated|address already in use/i.test(text);

function codeFor(error: unknown, text: string): ErrorCode {
  const status = engineStatus(error);
  if (status === undefined) {
    const code = (error as EngineFailure | null)?.code;
    if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(text)) return 'TIMEOUT';
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return 'UNREACHABLE';
    return 'INTERNAL';
  }
  if (status === 404) return 'NOT_FOUND';
  if (status === 409 || isPortConflict(text)) return 'BUSY';
  if (status === 400) return 'INVALID_INPUT';
  return 'INTERNAL';
}

/** `doing` says what was asked of the engine, e.g. "starting container demo_web". */
export function engineError(error: unknown, doing: string): BenchtopError {
  if (error instanceof BenchtopError) return error;
  const text = engineMessage(error);
  const code = codeFor(error, text);
  if (code === 'UNREACHABLE') {
    return new BenchtopError(code, `The board's engine stopped answering while ${doing}.`, text);
  }
  if (code === 'TIMEOUT') {
    return new BenchtopError(code, `The board's engine took too long while ${doing}.`, text);
  }
  if (isPortConflict(text)) {
    return new BenchtopError('BUSY', `A port is already taken on the board (${doing}).`, text);
  }
  return new BenchtopError(code, `The board's engine refused ${doing}: ${text}`);
}
