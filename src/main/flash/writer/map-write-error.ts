// SPDX-License-Identifier: Apache-2.0
import type { ErrorInfo } from '../../../shared/errors.js';

/** A target's write error, in words: which drive, what happened. */
export function mapWriteError(target: string, error: Error & { code?: string }): ErrorInfo {
  switch (error.code) {
    case 'EUNPLUGGED':
    case 'ENODEV':
    case 'ENXIO':
    case 'ENOENT':
      return { code: 'TARGET_LOST', message: `${target} went away while writing (${error.code}).` };
    case 'EIO':
      return {
        code: 'TARGET_LOST',
        message: `${target} failed while writing (input/output error): it was pulled out, is full or is failing.`,
      };
    case 'ENOSPC':
      return { code: 'TOO_SMALL', message: `${target} ran out of space while writing.` };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return {
        code: 'PERMISSION_DENIED',
        message: `No permission to write ${target} (${error.code}).`,
      };
    case 'EBUSY':
      return {
        code: 'BUSY',
        message: `${target} is in use by another program (mounted or open), so it cannot be written.`,
      };
    default:
      return { code: 'INTERNAL', message: `Writing ${target} failed: ${error.message}` };
  }
}
