// SPDX-License-Identifier: Apache-2.0
import { BZip2Source } from '../etcher/compressed.js';

/**
 * etcher-sdk's bzip2 source guesses the size by decompressing the partition table in a side
 * stream that it never stops; closing the file under it then crashes the process (EBADF).
 * This one skips the guess: the size is taken from the partition table we read ourselves.
 */
export class Bzip2Source extends BZip2Source {
  protected override async getSize(): Promise<undefined> {
    return undefined;
  }
}
