// SPDX-License-Identifier: Apache-2.0
import {
  commands,
  isCommandName,
  type CommandName,
  type CommandSpec,
} from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { checkRole } from './check-role.js';
import type { CallContext, Handler, Handlers } from './handlers.js';
import { formatZodError } from '../../shared/format-zod-error.js';

export type Dispatch = (command: string, input: unknown, context: CallContext) => Promise<unknown>;

/** The one door into the engine: checks the caller's role and the input against the contract, then calls. */
export function createDispatch(handlers: Handlers): Dispatch {
  return async (command, input, context) => {
    if (!isCommandName(command)) {
      throw new BenchtopError('UNKNOWN_COMMAND', `There is no command "${command.slice(0, 128)}".`);
    }
    const spec = commands[command];
    // Before the input is read: a refused caller learns nothing from validation messages.
    checkRole(command, spec.role, context.caller);
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      throw new BenchtopError(
        'INVALID_INPUT',
        `Invalid input for ${command}: ${formatZodError(parsed.error)}`,
      );
    }
    // Some inputs ask for more than the command's own role (a console opened with a log file).
    const more = (spec as CommandSpec).roleFor?.(parsed.data);
    if (more !== undefined) checkRole(command, more, context.caller);
    const handler = handlers[command] as Handler<CommandName>;
    return handler(parsed.data, context);
  };
}
