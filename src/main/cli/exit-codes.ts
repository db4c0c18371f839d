// SPDX-License-Identifier: Apache-2.0
import type { ErrorCode } from '../../shared/errors.js';

/** Exit codes a script can branch on; documented in `benchtop --help`. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  unreachable: 3,
  refused: 4,
  cancelled: 130,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
    case 'UNKNOWN_COMMAND':
    case 'INVALID_CONFIG':
    case 'NOT_AN_IMAGE':
      return ExitCode.usage;
    case 'NOT_FOUND':
    case 'UNREACHABLE':
    case 'TIMEOUT':
    case 'TARGET_LOST':
      return ExitCode.unreachable;
    case 'UNSAFE_TARGET':
    case 'PERMISSION_DENIED':
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
    case 'FORBIDDEN_ORIGIN':
    case 'TOO_SMALL':
    case 'BUSY':
    case 'NO_BOOT_PARTITION':
    case 'NOT_LOCAL_MODE':
      return ExitCode.refused;
    case 'CANCELLED':
      return ExitCode.cancelled;
    default:
      return ExitCode.failed;
  }
}

export const exitCodeHelp = `Exit codes:
  0    success
  1    the work failed (see the message)
  2    invalid arguments or input
  3    not found or unreachable
  4    refused (unsafe target, permission, your role, busy, too small, not in local mode)
  130  cancelled`;
