// SPDX-License-Identifier: Apache-2.0
// The users capability: the contract's users.* commands over the users file, and app.whoami.
import type { usersCommands } from '../../shared/contract/index.js';
import type { EventBus } from '../contract/event-bus.js';
import type { Service } from '../contract/service.js';
import { usersPath } from './users-file.js';
import { createUsersStore, type UsersStore } from './users-store.js';

export { usersPath } from './users-file.js';
export { createUsersStore, hashToken, type UsersStore } from './users-store.js';
export { watchUsersFile } from './watch-users-file.js';

export function createUsersService(options: {
  bus: EventBus;
  store?: UsersStore;
}): Service<keyof typeof usersCommands> {
  const store = options.store ?? createUsersStore(usersPath());
  return {
    handlers: {
      'app.whoami': async (_args, context) => context.caller,
      'users.add': async ({ name, role }) => {
        const added = await store.add(name, role);
        options.bus.emit('users.changed', { name: added.name, change: 'added' });
        return added;
      },
      'users.list': async () => store.list(),
      'users.revoke': async ({ name }) => {
        const revoked = await store.revoke(name);
        options.bus.emit('users.changed', { name: revoked.name, change: 'revoked' });
        return revoked;
      },
    },
  };
}
