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
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  detail?: string | undefined;
}

const known = new Set<string>(ERROR_CODES);

/** Whether a value (from another process, say) already has the shape of an ErrorInfo. */
export function isErrorInfo(value: unknown): value is ErrorInfo {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message, detail } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    known.has(code) &&
    typeof message === 'string' &&
    (detail === undefined || typeof detail === 'string')
  );
}

/** The one error type that crosses every boundary as {code, message, detail}. */
export class BenchtopError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'BenchtopError';
    this.code = code;
    this.detail = detail;
  }

  toInfo(): ErrorInfo {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }

  static fromInfo(info: ErrorInfo): BenchtopError {
    return new BenchtopError(info.code, info.message, info.detail);
  }
}

/** Turns anything thrown into an ErrorInfo; unknown throwables become INTERNAL. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof BenchtopError) return error.toInfo();
  if (isErrorInfo(error))
    return error.detail === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, detail: error.detail };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
