// SPDX-License-Identifier: Apache-2.0
// One drive named twice (`/dev/loop2` and a link to it, or `/dev/../dev/loop2`) would be opened
// twice by the writer, which then hangs with nothing written. Strings do not tell: the real
// path and the device number do. Never merged silently: the person meant something else.
import { realpath, stat } from 'node:fs/promises';
import { BenchtopError } from '../../../shared/errors.js';

async function identity(target: string): Promise<string> {
  const info = await stat(target).catch(() => undefined);
  if (info?.isBlockDevice()) return `rdev:${info.rdev}`;
  return `path:${await realpath(target).catch(() => target)}`;
}

export async function refuseAliases(targets: readonly string[]): Promise<void> {
  const seen = new Map<string, string>();
  for (const target of targets) {
    const key = await identity(target);
    const first = seen.get(key);
    if (first !== undefined)
      throw new BenchtopError(
        'INVALID_INPUT',
        first === target
          ? `${target} is listed twice. Nothing was written.`
          : `${first} and ${target} are the same drive, listed twice. Nothing was written.`,
      );
    seen.set(key, target);
  }
}
