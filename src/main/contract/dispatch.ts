// SPDX-License-Identifier: Apache-2.0
import { commands, isCommandName, type CommandName } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { CallContext, Handler, Handlers } from './handlers.js';
import { formatZodError } from '../../shared/format-zod-error.js';

export type Dispatch = (command: string, input: unknown, context: CallContext) => Promise<unknown>;

/** The one door into the engine: validates the input against the contract, then calls. */
export function createDispatch(handlers: Handlers): Dispatch {
  return async (command, input, context) => {
    if (!isCommandName(command)) {
      throw new BenchtopError('UNKNOWN_COMMAND', `There is no command "${command.slice(0, 128)}".`);
    }
    const parsed = commands[command].input.safeParse(input ?? {});
    if (!parsed.success) {
      throw new BenchtopError(
        'INVALID_INPUT',
        `Invalid input for ${command}: ${formatZodError(parsed.error)}`,
      );
    }
    const handler = handlers[command] as Handler<CommandName>;
    return handler(parsed.data, context);
  };
}
