// SPDX-License-Identifier: Apache-2.0
import type { z } from 'zod';

/** One command of the contract: declared once, served by IPC, WebSocket and CLI alike. */
export interface CommandSpec<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly description: string;
  readonly input: I;
  readonly result: R;
  /** True when the command starts a job and returns its id; progress comes as job events. */
  readonly job?: boolean;
}

export function command<I extends z.ZodType, R extends z.ZodType>(
  spec: CommandSpec<I, R>,
): CommandSpec<I, R> {
  return spec;
}
