// SPDX-License-Identifier: Apache-2.0
import type { CommandArgs, CommandName, CommandResult } from '../../shared/contract/index.js';
import type { Caller } from '../../shared/roles.js';

/** Who is calling and how: for the role check, history, and commands with per-client state. */
export interface CallContext {
  readonly transport: 'ipc' | 'websocket' | 'http' | 'local';
  readonly clientId: string;
  /** Who: the engine checks their role against the command's, and history names them. */
  readonly caller: Caller;
  /** Set when the call is part of a job that may be cancelled; a handler may stop early on it. */
  readonly signal?: AbortSignal;
  /**
   * Set when the call is one board's part of a group action: the group's job id. The group
   * records each board's result in history, so the call itself records nothing more.
   */
  readonly groupJob?: string;
}

export type Handler<K extends CommandName> = (
  args: CommandArgs<K>,
  context: CallContext,
) => Promise<CommandResult<K>>;

export type Handlers = { [K in CommandName]: Handler<K> };

/**
 * The one place a map built at run time becomes the typed handler map: TypeScript cannot follow
 * a loop over names into a mapped type. Each caller gives one entry per name it declares.
 */
export function handlerMap<K extends CommandName>(
  entries: Iterable<readonly [K, Handler<K>]>,
): Pick<Handlers, K> {
  return Object.fromEntries(entries) as Pick<Handlers, K>;
}
