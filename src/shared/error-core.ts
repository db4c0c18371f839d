// SPDX-License-Identifier: Apache-2.0
// The error type without zod: the root writer loads this on its start path, where zod alone
// costs a tenth of a second or more. ./errors.ts builds the contract's schemas from these.

/** Stable codes: scripts match on these, people read the message and the hint. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_COMMAND',
  'MALFORMED_MESSAGE',
  'MESSAGE_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN_ORIGIN',
  'FORBIDDEN',
  'NOT_FOUND',
  'CANCELLED',
  'TIMEOUT',
  'UNREACHABLE',
  'PERMISSION_DENIED',
  'BUSY',
  'UNSAFE_TARGET',
  'TOO_SMALL',
  'NOT_AN_IMAGE',
  'CORRUPT_SOURCE',
  'NO_BOOT_PARTITION',
  'INVALID_CONFIG',
  'VERIFY_FAILED',
  'TARGET_LOST',
  'UNSUPPORTED',
  'DOCKER_FAILED',
  'NOT_LOCAL_MODE',
  'COMMAND_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Who reads a hint: the command line (flags, commands) or the app's window (its controls). */
export type Face = 'cli' | 'ui';

/**
 * What to do, in the words of each face. An error carries its own when the code's hint (in
 * errors.ts) would point at another job: TARGET_LOST of a console is not a drive to re-insert.
 */
export interface Hint {
  cli: string;
  ui: string;
}

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  detail?: string | undefined;
  hint?: Hint | undefined;
}

const known = new Set<string>(ERROR_CODES);

/** Whether a value (from another process, say) already has the shape of an ErrorInfo. */
export function isErrorInfo(value: unknown): value is ErrorInfo {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message, detail, hint } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    known.has(code) &&
    typeof message === 'string' &&
    (detail === undefined || typeof detail === 'string') &&
    (hint === undefined || isHint(hint))
  );
}

function isHint(value: unknown): value is Hint {
  if (typeof value !== 'object' || value === null) return false;
  const { cli, ui } = value as Record<string, unknown>;
  return typeof cli === 'string' && typeof ui === 'string';
}

/** An ErrorInfo without the keys whose value is undefined (exact optional properties). */
function infoOf(code: ErrorCode, message: string, detail?: string, hint?: Hint): ErrorInfo {
  return {
    code,
    message,
    ...(detail === undefined ? {} : { detail }),
    ...(hint === undefined ? {} : { hint: { cli: hint.cli, ui: hint.ui } }),
  };
}

/** The one error type that crosses every boundary as {code, message, detail}. */
export class BenchtopError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly hint: Hint | undefined;

  constructor(code: ErrorCode, message: string, detail?: string, hint?: Hint) {
    super(message);
    this.name = 'BenchtopError';
    this.code = code;
    this.detail = detail;
    this.hint = hint;
  }

  toInfo(): ErrorInfo {
    return infoOf(this.code, this.message, this.detail, this.hint);
  }

  static fromInfo(info: ErrorInfo): BenchtopError {
    return new BenchtopError(info.code, info.message, info.detail, info.hint);
  }

  /** An error whose own hint replaces its code's (see Hint). */
  static withHint(code: ErrorCode, message: string, hint: Hint): BenchtopError {
    return new BenchtopError(code, message, undefined, hint);
  }
}

/** Turns anything thrown into an ErrorInfo; unknown throwables become INTERNAL. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof BenchtopError) return error.toInfo();
  if (isErrorInfo(error)) return infoOf(error.code, error.message, error.detail, error.hint);
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
