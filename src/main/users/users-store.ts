// SPDX-License-Identifier: Apache-2.0
// Adding, listing, revoking and recognising named users. Every call reads the file afresh, so
// a user revoked by another process (a CLI not attached to the serve) is refused at the next
// request; changes are queued so two adds in one process never lose one another.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UserInfo } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { Caller, Role } from '../../shared/roles.js';
import { readUsers, writeUsers, type StoredUser } from './users-file.js';

export interface UsersStore {
  /** Adds a user; the token is returned here and never again. */
  add(name: string, role: Role, now?: Date): Promise<UserInfo & { token: string }>;
  list(): Promise<UserInfo[]>;
  revoke(name: string): Promise<UserInfo>;
  /** The user a token belongs to, or undefined. */
  callerOf(token: string): Promise<Caller | undefined>;
}

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

const info = ({ name, role, createdAt }: StoredUser): UserInfo => ({ name, role, createdAt });
const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function createUsersStore(path: string): UsersStore {
  let writing: Promise<unknown> = Promise.resolve();
  const change = <T>(work: (users: StoredUser[]) => Promise<T>): Promise<T> => {
    const next = writing.then(async () => work(await readUsers(path)));
    writing = next.catch(() => undefined);
    return next;
  };

  return {
    add: (name, role, now = new Date()) =>
      change(async (users) => {
        if (users.some((user) => sameName(user.name, name))) {
          throw new BenchtopError(
            'INVALID_INPUT',
            `There is already a user named ${name}: revoke it first to give it a new token or role.`,
          );
        }
        const token = `bt_${randomBytes(24).toString('base64url')}`;
        const user = { name, role, tokenSha256: hashToken(token), createdAt: now.toISOString() };
        await writeUsers(path, [...users, user]);
        return { ...info(user), token };
      }),
    list: async () => (await readUsers(path)).map(info),
    revoke: (name) =>
      change(async (users) => {
        const user = users.find((u) => sameName(u.name, name));
        if (!user) {
          const hint = '`benchtop users list` shows the users there are.';
          throw BenchtopError.withHint('NOT_FOUND', `There is no user named ${name}.`, {
            cli: hint,
            ui: hint,
          });
        }
        await writeUsers(
          path,
          users.filter((u) => u !== user),
        );
        return info(user);
      }),
    async callerOf(token) {
      const given = Buffer.from(hashToken(token), 'hex');
      const user = (await readUsers(path)).find((u) =>
        timingSafeEqual(Buffer.from(u.tokenSha256, 'hex'), given),
      );
      return user && { user: user.name, role: user.role, owner: false };
    },
  };
}
