// SPDX-License-Identifier: Apache-2.0
// The named users of a `benchtop serve`, each with a role and a token of their own. Only a hash
// of each token is kept; the token itself is shown once, when the user is added.
import { z } from 'zod';
import { Caller, Role } from '../roles.js';
import { command } from './define.js';

/** A user's name, as history shows it: a word people can read and type. */
export const UserName = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z][A-Za-z0-9._-]{0,63}$/,
    'a name of letters, digits, dot, dash or underscore, starting with a letter (at most 64)',
  );

export const UserInfo = z.object({ name: z.string(), role: Role, createdAt: z.string() });
export type UserInfo = z.infer<typeof UserInfo>;

export const usersCommands = {
  'app.whoami': command({
    role: 'viewer',
    description: 'Who this connection is, and their role (the UI greys out what it cannot do)',
    input: z.object({}).strict(),
    result: Caller,
  }),
  'users.add': command({
    role: 'admin',
    description: 'Add a named user with a role; the result carries their token, shown only now',
    input: z.object({ name: UserName, role: Role }).strict(),
    result: UserInfo.extend({ token: z.string() }),
  }),
  'users.list': command({
    role: 'admin',
    description: 'The named users and their roles (never their tokens)',
    input: z.object({}).strict(),
    result: z.array(UserInfo),
  }),
  'users.revoke': command({
    role: 'admin',
    description: 'Remove a user: their token stops working and their open connections close',
    input: z.object({ name: UserName }).strict(),
    result: UserInfo,
  }),
};

export const usersEvents = {
  /** A user was added or revoked: a serve closes the connections a token no longer opens. */
  'users.changed': z.object({ name: z.string(), change: z.enum(['added', 'revoked']) }),
};
