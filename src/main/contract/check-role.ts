// SPDX-License-Identifier: Apache-2.0
// The one place a call is held against its caller's role: every face (IPC, WebSocket, HTTP,
// the CLI's own engine) and every call a group action makes on each board pass through here.
import type { CommandName } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { roleAllows, withArticle, type Caller, type Role } from '../../shared/roles.js';

export function checkRole(command: CommandName, needs: Role, caller: Caller): void {
  if (roleAllows(caller.role, needs)) return;
  throw new BenchtopError(
    'FORBIDDEN',
    `${command} needs the ${needs} role; ${caller.user} is ${withArticle(caller.role)} on this bench.`,
  );
}
