// SPDX-License-Identifier: Apache-2.0
// `benchtop shell BOARD [SERVICE] [-- CMD…]`: commander hands over the operands without the
// `--`, so where the command starts is read from the raw arguments. Pure, for the unit tests.
import { BenchtopError } from '../../../shared/errors.js';

export interface ShellWords {
  readonly board: string;
  readonly service: string | undefined;
  readonly command: string[];
}

export function shellWords(operands: readonly string[], rawArgs: readonly string[]): ShellWords {
  const dash = rawArgs.indexOf('--');
  const commandLength = dash === -1 ? 0 : rawArgs.length - dash - 1;
  const before = operands.slice(0, operands.length - commandLength);
  const command = operands.slice(operands.length - commandLength);
  const [board, service, ...extra] = before;
  if (board === undefined) throw new BenchtopError('INVALID_INPUT', 'Name a board: ADDR or NAME.');
  if (extra.length > 0) {
    throw new BenchtopError(
      'INVALID_INPUT',
      `Put the command after --: benchtop shell ${board} ${service ?? ''} -- ${extra.join(' ')}`.replace(
        /\s+/g,
        ' ',
      ),
    );
  }
  return { board, service, command };
}

/** How a shell's end becomes this process's exit status: ssh's 255 when it has none. */
export const exitStatusOf = (exit: { status: number | null }): number =>
  exit.status === null ? 255 : exit.status;
