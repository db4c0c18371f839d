// SPDX-License-Identifier: Apache-2.0
import { toErrorInfo } from '../../shared/errors.js';

/**
 * A long-running engine (serve, the desktop app) must not die because one promise somewhere
 * was left unhandled: Node's default ends the process, taking every open console and flash
 * with it. Such a rejection is a bug; it is reported loudly and the engine keeps serving.
 */
export function keepServingOnUnhandledRejection(): void {
  process.on('unhandledRejection', (reason) => {
    const info = toErrorInfo(reason);
    const stack = reason instanceof Error && reason.stack ? `\n${reason.stack}` : '';
    process.stderr.write(
      `benchtop: unhandled error (a bug in Benchtop; still serving): ${info.message}${stack}\n`,
    );
  });
}
