// SPDX-License-Identifier: Apache-2.0
import type { ErrorInfo } from '../../../shared/error-core.js';
import { describeHolders, findMountHolders } from '../../host/process-holders.js';

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

/**
 * A mounted target that could not be unmounted, with who keeps it busy (the writer is root
 * and sees every process): a shell cd'd into the card, a file manager, an open file.
 */
export async function busyMountError(
  target: string,
  mountpoints: readonly string[],
  reason: string,
): Promise<ErrorInfo> {
  const holders = (await Promise.all(mountpoints.map(findMountHolders))).flat();
  const unique = [...new Map(holders.map((holder) => [holder.pid, holder])).values()];
  const why =
    unique.length > 0
      ? `because ${describeHolders(unique)} uses it: close ${unique.length === 1 ? 'that program' : 'them'} (or leave that folder) and flash again`
      : `(${reason}): close whatever uses it and flash again`;
  return {
    code: 'BUSY',
    message: `${target} is busy: it is mounted at ${mountpoints.join(', ')} and could not be unmounted ${why}. Not written.`,
  };
}
