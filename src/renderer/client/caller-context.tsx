// SPDX-License-Identifier: Apache-2.0
// Who this window is on the bench (app.whoami), so a control can say, before it is pressed, that
// the role does not allow it. The engine refuses anyway; this only spares the person the try.
import { createContext, useContext } from 'react';
import { commands, type CommandName } from '../../shared/contract/index.js';
import { missingRole, type Caller } from '../../shared/roles.js';

export const CallerContext = createContext<Caller | undefined>(undefined);

export function useCaller(): Caller | undefined {
  return useContext(CallerContext);
}

/** Why this window may not run `command` ("the admin role (you are an operator)"), or undefined. */
export function useMissingRole(command: CommandName): string | undefined {
  return missingRole(useCaller(), commands[command].role);
}

/** What a control needs to say: whether the role blocks it, and the tooltip saying so. */
export interface RoleGate {
  readonly blocked: boolean;
  readonly title: string | undefined;
}

/** A gate per command, for a control (a button, a menu item) that runs it. */
export function useRoleGates(): (command: CommandName) => RoleGate {
  const caller = useCaller();
  return (command) => {
    const missing = missingRole(caller, commands[command].role);
    return { blocked: missing !== undefined, title: missing && `Needs ${missing}` };
  };
}
