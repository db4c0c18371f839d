// SPDX-License-Identifier: Apache-2.0
// Who may do what on a bench: three roles, each allowed everything the one before it is.
import { z } from 'zod';

/** In order of trust: a later role may do all an earlier one may. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** What each role is for, in words for `--help` and the UI. */
export const roleMeaning: Record<Role, string> = {
  viewer: 'read state, watch consoles, shells and logs',
  operator: 'also type in consoles and shells, exec, push, restart and reboot, tie ports',
  admin: 'also flash, import or forget inventory, manage users',
};

export const rankOf = (role: Role): number => ROLES.indexOf(role);

/** Whether a caller holding `has` may run what needs `needs`. */
export function roleAllows(has: Role, needs: Role): boolean {
  return rankOf(has) >= rankOf(needs);
}

/** The stricter of two roles (a command's own, and what one input of it asks for more). */
export function stricterRole(a: Role, b: Role): Role {
  return rankOf(a) >= rankOf(b) ? a : b;
}

/** Who made a call: a named user of `benchtop serve`, or the bench's owner (admin). */
export const Caller = z.object({
  user: z.string(),
  role: Role,
  /** The owner: the local CLI, the desktop app, or the serve's own token. */
  owner: z.boolean(),
});
export type Caller = z.infer<typeof Caller>;

/** "a viewer", "an operator", "an admin". */
export const withArticle = (role: Role): string => `${role === 'viewer' ? 'a' : 'an'} ${role}`;

/**
 * Why a caller may not do what needs `needs`, in a person's words ("the operator role (you are
 * a viewer)"), or undefined when they may, or while who they are is not known yet (the engine
 * checks anyway).
 */
export function missingRole(caller: Caller | undefined, needs: Role): string | undefined {
  if (caller === undefined || roleAllows(caller.role, needs)) return undefined;
  return `the ${needs} role (you are ${withArticle(caller.role)})`;
}
