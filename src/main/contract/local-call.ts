// SPDX-License-Identifier: Apache-2.0
// A capability that acts through others (a group action runs `console.exec` or `shell.exec` on
// each board) calls them here, through the same door as any face: the input is checked against
// the contract, and so is the result, so no capability reaches into another's internals.
import {
  commands,
  type CommandInput,
  type CommandName,
  type CommandResult,
} from '../../shared/contract/index.js';
import type { Dispatch } from './dispatch.js';
import type { CallContext } from './handlers.js';

export type LocalCall = <K extends CommandName>(
  name: K,
  input: CommandInput<K>,
  context: CallContext,
) => Promise<CommandResult<K>>;

/** `dispatch` is read at each call: services are built before the engine's door exists. */
export function createLocalCall(dispatch: () => Dispatch): LocalCall {
  return async (name, input, context) =>
    commands[name].result.parse(await dispatch()(name, input, context)) as CommandResult<
      typeof name
    >;
}
