// SPDX-License-Identifier: Apache-2.0
// A group command (`benchtop exec|restart|stop|reboot --json`) run to its end: its JSON lines
// read back as each board's result and the summary.
import type { GroupBoardResult, GroupResult } from '../../src/shared/contract/index.js';
import { runCli } from './benchtop-cli.js';

export interface GroupRun {
  code: number | null;
  boards: GroupBoardResult[];
  done: GroupResult | undefined;
  stdout: string;
  stderr: string;
}

export async function runGroupJson(args: readonly string[], home: string): Promise<GroupRun> {
  const [name, ...rest] = args;
  const run = await runCli([name ?? '', '--json', ...rest], home);
  const lines = run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { event?: string; result?: unknown });
  return {
    code: run.code,
    boards: lines.filter((l) => l.event === 'group.board').map((l) => l.result as GroupBoardResult),
    done: lines.find((l) => l.event === 'group.done')?.result as GroupResult | undefined,
    stdout: run.stdout,
    stderr: run.stderr,
  };
}

export const byBoard = (results: readonly GroupBoardResult[]) =>
  new Map(results.map((result) => [result.board, result]));
