// SPDX-License-Identifier: Apache-2.0
import { sourceDestination } from '../etcher/index.js';

/**
 * etcher-sdk's bzip2 source guesses the size by decompressing the partition table in a side
 * stream that it never stops; closing the file under it then crashes the process (EBADF).
 * This one skips the guess: the size is taken from the partition table we read ourselves.
 */
export class Bzip2Source extends sourceDestination.BZip2Source {
  protected override async getSize(): Promise<undefined> {
    return undefined;
  }
}

const BZIP2_MAGIC = 'BZh';

export const isBzip2 = (head: Buffer): boolean =>
  head.subarray(0, 3).toString('latin1') === BZIP2_MAGIC &&
  /[1-9]/.test(String.fromCharCode(head[3] ?? 0));
