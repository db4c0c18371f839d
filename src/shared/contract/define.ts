// SPDX-License-Identifier: Apache-2.0
import type { z } from 'zod';

/** One command of the contract: declared once, served by IPC, WebSocket and CLI alike. */
export interface CommandSpec<
  I extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  J extends z.ZodType | undefined = z.ZodType | undefined,
> {
  readonly description: string;
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
