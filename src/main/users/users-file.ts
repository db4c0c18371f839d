// SPDX-License-Identifier: Apache-2.0
// users.json in Benchtop's home: each user's name, role and the sha256 of their token. A hash
// is enough to check a token and useless to anyone who reads the file; the file is 0600 anyway.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { Role } from '../../shared/roles.js';
import { BenchtopError } from '../../shared/errors.js';
import { benchtopHome } from '../settings/paths.js';
import { writePrivateFile } from '../settings/write-private-file.js';

export const StoredUser = z.object({
  name: z.string(),
  role: Role,
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
});
export type StoredUser = z.infer<typeof StoredUser>;

const UsersFile = z.object({ users: z.array(StoredUser) });

export const usersPath = (home: string = benchtopHome()): string => join(home, 'users.json');

/** The users kept in `path`; none when there is no file yet. */
export async function readUsers(path: string): Promise<StoredUser[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BenchtopError('INVALID_CONFIG', `${path} is not valid JSON: fix or remove it.`);
  }
  const parsed = UsersFile.safeParse(json);
  if (!parsed.success) {
    throw new BenchtopError('INVALID_CONFIG', `${path} is not a Benchtop users file.`);
  }
  return parsed.data.users;
}

export async function writeUsers(path: string, users: readonly StoredUser[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writePrivateFile(path, `${JSON.stringify({ users }, null, 2)}\n`);
}
