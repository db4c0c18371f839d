// SPDX-License-Identifier: Apache-2.0
import type { z } from 'zod';
import type { Role } from '../roles.js';

/** One command of the contract: declared once, served by IPC, WebSocket and CLI alike. */
export interface CommandSpec<
  I extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  J extends z.ZodType | undefined = z.ZodType | undefined,
> {
  readonly description: string;
  /**
   * The least role that may call it (see roles.ts); required, so a new command cannot forget
   * it. The engine checks it in one place, before the input is even read.
   */
  readonly role: Role;
  /**
   * The role one input asks for when it is more than `role` (a console opened with a log file
   * writes on the host): checked once the input is valid. A method, so specs of any input
   * type fit in one map.
   */
  roleFor?(input: z.output<I>): Role;
  readonly input: I;
  readonly result: R;
  /**
   * Set when the command starts a job (its result is then the job's id): the schema of the
   * job's final result. The engine's job must return this type; faces read it with jobResult().
   */
  readonly job?: J;
}

export function command<
  I extends z.ZodType,
  R extends z.ZodType,
  J extends z.ZodType | undefined = undefined,
>(spec: CommandSpec<I, R, J>): CommandSpec<I, R, J> {
  return spec;
}
