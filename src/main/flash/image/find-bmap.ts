// SPDX-License-Identifier: Apache-2.0
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The bmap files bmaptool would try for an image, in its order: IMAGE.bmap, then the name with
 * each extension stripped in turn (disk.img.xz → disk.img.bmap → disk.bmap).
 */
export function bmapCandidates(image: string): string[] {
  const dir = dirname(image);
  const name = basename(image);
  const candidates = [join(dir, `${name}.bmap`)];
  let stem = name;
  while (stem.includes('.')) {
    stem = stem.slice(0, stem.lastIndexOf('.'));
    if (stem === '') break;
    candidates.push(join(dir, `${stem}.bmap`));
  }
  return candidates;
}

export async function findBmap(image: string): Promise<string | undefined> {
  if (/^https?:\/\//.test(image)) return undefined;
  for (const candidate of bmapCandidates(image)) {
    const found = await access(candidate).then(
      () => true,
      () => false,
    );
    if (found) return candidate;
  }
  return undefined;
}
