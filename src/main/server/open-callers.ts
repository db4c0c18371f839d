// SPDX-License-Identifier: Apache-2.0
// The connections a named user has open (WebSockets, and HTTP keep-alive sockets), each with
// the token that opened it. When the users change, each is checked again: one whose token no
// longer names the same user with the same role is closed there and then, so a revoked user
// loses a console they were watching at once, not at their next request.
import type { Caller } from '../../shared/roles.js';
import type { FindUser } from './auth.js';

interface Open {
  readonly caller: Caller;
  readonly token: string;
  readonly close: () => void;
}

export class OpenCallers {
  private readonly open = new Map<object, Open>();

  /** Remembers a connection until `forget`; the owner's are never closed this way. */
  add(key: object, entry: Open): void {
    if (!entry.caller.owner) this.open.set(key, entry);
  }

  has(key: object): boolean {
    return this.open.has(key);
  }

  forget(key: object): void {
    this.open.delete(key);
  }

  /** Closes each connection whose token no longer opens it as the same user and role. */
  async recheck(findUser: FindUser): Promise<void> {
    await Promise.all(
      [...this.open].map(async ([key, entry]) => {
        const now = await findUser(entry.token).catch(() => undefined);
        if (now?.user === entry.caller.user && now.role === entry.caller.role) return;
        this.open.delete(key);
        entry.close();
      }),
    );
  }
}
