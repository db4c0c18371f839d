// SPDX-License-Identifier: Apache-2.0
import { z } from 'zod';
import { ERROR_CODES, toErrorInfo, type Face, type Hint } from './error-core.js';

export { BenchtopError, isErrorInfo, toErrorInfo } from './error-core.js';
export type { Face, Hint } from './error-core.js';

/** Stable codes: scripts match on these, people read the message and the hint. */
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string(),
  detail: z.string().optional(),
  hint: z.object({ cli: z.string(), ui: z.string() }).optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

const same = (text: string): Hint => ({ cli: text, ui: text });

/**
 * What to do about each kind of failure, shown under the message, per face: flags and
 * commands on the command line, the window's own controls in the app. An error that needs
 * other advice carries its own hint (BenchtopError.withHint).
 */
export const errorHints: Record<ErrorCode, Hint> = {
  INVALID_INPUT: {
    cli: 'Check the values given; `benchtop <command> --help` lists what each takes.',
    ui: 'Check the values entered, then try again.',
  },
  UNKNOWN_COMMAND: same('Update Benchtop on both ends, or check the command name.'),
  MALFORMED_MESSAGE: same('Send one JSON object per WebSocket message, as the contract describes.'),
  MESSAGE_TOO_LARGE: same('Split the request; messages are limited in size.'),
  UNAUTHORIZED: {
    cli: 'Run the command as the user who started `benchtop serve`, so it reads that server’s token.',
    ui: 'Open the address `benchtop serve` printed: it carries the access token.',
  },
  FORBIDDEN: {
    cli: 'Ask an admin of this bench for a token with the role named (`benchtop users add NAME --role ROLE`).',
    ui: 'Your role on this bench does not allow it: ask an admin of the bench for a token with the role named.',
  },
  FORBIDDEN_ORIGIN: same('Connect from the page served by `benchtop serve` itself.'),
  NOT_FOUND: {
    cli: 'Check the name or path; list what exists first (`benchtop devices`, `benchtop ports`, `benchtop drives`).',
    ui: 'Check the name or path, or pick it from the list.',
  },
  CANCELLED: same('Nothing more to do: the work was stopped on request.'),
  TIMEOUT: same('Check that the other end is powered and connected, then try again.'),
  UNREACHABLE: same('Check the cable, the address and that the service runs on the board.'),
  PERMISSION_DENIED: {
    cli: 'Run it as a user allowed to (a member of the device’s group, or with sudo).',
    ui: 'Benchtop’s user may not do this here: give it access (its group, or run it with more rights).',
  },
  BUSY: same('Close the other program or session using it, then try again.'),
  UNSAFE_TARGET: {
    cli: 'Pick another drive. Only a drive larger than 128 GB can be written anyway: pass `--yes`.',
    ui: 'Pick another drive. Only a drive larger than 128 GB can be written anyway: tick “Yes, also write drives larger than 128 GB”.',
  },
  TOO_SMALL: same('Use a larger drive, or a smaller image.'),
  NOT_AN_IMAGE: same(
    'Choose a disk image (.img, .raw, .iso, or one compressed with gz, xz, bz2, zip).',
  ),
  CORRUPT_SOURCE: same('Download or copy the image again; the file is damaged or truncated.'),
  NO_BOOT_PARTITION: same('Use a balenaOS image, or flash without configuration.'),
  INVALID_CONFIG: same('Fix the configuration as the message says; nothing was written.'),
  VERIFY_FAILED: same('The card may be failing: try again, or use another card.'),
  TARGET_LOST: same('Re-insert the drive and flash it again.'),
  UNSUPPORTED: same('This is not available on this machine; see the README for what is needed.'),
  DOCKER_FAILED: {
    cli: "The board's Docker engine refused: its words are above. `benchtop device info <board>` shows its state.",
    ui: "The board's Docker engine refused: its words are above. The board's details in Devices show its state.",
  },
  NOT_LOCAL_MODE: {
    cli: "Turn local mode on for the board (balenaCloud dashboard: the device's Settings, Local mode; or balenaCLI's `balena device local-mode`), or use a development image not joined to a fleet; then push again.",
    ui: "Turn local mode on for the board (balenaCloud dashboard: the device's Settings, Local mode), or use a development image not joined to a fleet; then push again.",
  },
  COMMAND_FAILED: same('The command ran and ended with a non-zero status: its output says why.'),
  INTERNAL: same('This is a bug in Benchtop: please report it with the detail shown.'),
};

/** The face this process shows errors on; the renderer sets 'ui' once at start. */
let currentFace: Face = 'cli';
export function setErrorFace(face: Face): void {
  currentFace = face;
}

/** What to do about an error, on a face: its own hint if it has one, else its code's. */
export function hintFor(error: unknown, face: Face = currentFace): string {
  const info = toErrorInfo(error);
  return (info.hint ?? errorHints[info.code])[face];
}

/** "What happened. What to do." for a person at the bench, from anything thrown or sent. */
export function describeError(error: unknown, face: Face = currentFace): string {
  const info = toErrorInfo(error);
  return `${info.message}\n${hintFor(info, face)}`;
}
