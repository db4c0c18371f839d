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
