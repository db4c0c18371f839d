// SPDX-License-Identifier: Apache-2.0
import { z } from 'zod';
import { ERROR_CODES, toErrorInfo } from './error-core.js';

export { BenchtopError, isErrorInfo, toErrorInfo } from './error-core.js';

/** Stable codes: scripts match on these, people read the message and the hint. */
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string(),
  detail: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** What to do about each kind of failure, shown under the message. */
export const errorHints: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Check the values given; `benchtop <command> --help` lists what each takes.',
  UNKNOWN_COMMAND: 'Update Benchtop on both ends, or check the command name.',
  MALFORMED_MESSAGE: 'Send one JSON object per WebSocket message, as the contract describes.',
  MESSAGE_TOO_LARGE: 'Split the request; messages are limited in size.',
  UNAUTHORIZED: 'Open the URL printed by `benchtop serve`; it carries the access token.',
  FORBIDDEN_ORIGIN: 'Connect from the page served by `benchtop serve` itself.',
  NOT_FOUND: 'Check the name or path; list what exists first.',
  CANCELLED: 'Nothing more to do: the work was stopped on request.',
  TIMEOUT: 'Check that the other end is powered and connected, then try again.',
  UNREACHABLE: 'Check the cable, the address and that the service runs on the board.',
  PERMISSION_DENIED: 'Run with the rights this needs, or ask for access (group or sudo).',
  BUSY: 'Close the other program or session using it, then try again.',
  UNSAFE_TARGET:
    'Pick another drive. Only a large drive can be written anyway: confirm it (`--yes` on the command line).',
  TOO_SMALL: 'Use a larger drive, or a smaller image.',
  NOT_AN_IMAGE: 'Choose a disk image (.img, .raw, .iso, or one compressed with gz, xz, bz2, zip).',
  CORRUPT_SOURCE: 'Download or copy the image again; the file is damaged or truncated.',
  NO_BOOT_PARTITION: 'Use a balenaOS image, or flash without configuration.',
  INVALID_CONFIG: 'Fix the configuration as the message says; nothing was written.',
  VERIFY_FAILED: 'The card may be failing: try again, or use another card.',
  TARGET_LOST: 'Re-insert the drive and flash it again.',
  UNSUPPORTED: 'This is not available on this machine; see the README for what is needed.',
  DOCKER_FAILED:
    "The board's Docker engine refused: its words are above. `benchtop device info <board>` shows its state.",
  NOT_LOCAL_MODE:
    "Turn local mode on for the board (balenaCloud dashboard: the device's Settings, Local mode; or balenaCLI's `balena device local-mode`), or use a development image not joined to a fleet; then push again.",
  INTERNAL: 'This is a bug in Benchtop: please report it with the detail shown.',
};

/** "What happened. What to do." for a person at the bench, from anything thrown or sent. */
export function describeError(error: unknown): string {
  const info = toErrorInfo(error);
  return `${info.message}\n${errorHints[info.code]}`;
}
