// SPDX-License-Identifier: Apache-2.0
import type { CommandName } from '../../shared/contract/index.js';
import type { Handlers } from './handlers.js';

/** What a capability folder gives the engine: the handlers for its commands, and its cleanup. */
export interface Service<K extends CommandName> {
  readonly handlers: Pick<Handlers, K>;
  dispose?(): Promise<void>;
  /** A client (a browser tab, a CLI, a window) went away: drop what it held open. */
  clientGone?(clientId: string): Promise<void>;
}
