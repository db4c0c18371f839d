// SPDX-License-Identifier: Apache-2.0
// A group action's results as the pane shows them: one row per board, from the job's tasks (who
// is waiting, who runs), the `group.board` events heard so far, and the job's final result.
// Events sent before the pane subscribed are covered by the tasks and, at the end, the result.
import { GroupResult, type GroupBoardResult } from '../../../../shared/contract/index.js';
import type { Job } from '../../../../shared/jobs.js';

/** `unavailable`: the board cannot do this at all (reboot without a supervisor), said apart from a failure. */
export type BoardState = 'waiting' | 'running' | 'ok' | 'failed' | 'unavailable';

export interface GroupRow {
  board: string;
  state: BoardState;
  result: GroupBoardResult | undefined;
}

export interface GroupSummary {
  total: number;
  succeeded: number;
  failed: string[];
  unavailable: string[];
  finished: boolean;
}

function stateOf(
  task: Job['tasks'][number] | undefined,
  result: GroupBoardResult | undefined,
): BoardState {
  if (result?.error?.code === 'UNSUPPORTED') return 'unavailable';
  if (result) return result.ok ? 'ok' : 'failed';
  if (!task || task.phase === 'waiting') return 'waiting';
  if (task.state === 'running') return 'running';
  if (task.error?.code === 'UNSUPPORTED') return 'unavailable';
  return task.state === 'succeeded' ? 'ok' : 'failed';
}

/** The rows in the order the group runs them. */
export function groupRows(
  job: Job | undefined,
  heard: ReadonlyMap<string, GroupBoardResult>,
): GroupRow[] {
  const results = new Map(heard);
  const final = GroupResult.safeParse(job?.result);
  if (final.success) for (const board of final.data.boards) results.set(board.board, board);
  const tasks = new Map((job?.tasks ?? []).map((task) => [task.label, task] as const));
  const names = tasks.size > 0 ? [...tasks.keys()] : [...results.keys()];
  return names.map((board) => {
    const result = results.get(board);
    return { board, state: stateOf(tasks.get(board), result), result };
  });
}

export function summarise(rows: readonly GroupRow[], job: Job | undefined): GroupSummary {
  return {
    total: rows.length,
    succeeded: rows.filter((row) => row.state === 'ok').length,
    failed: rows.filter((row) => row.state === 'failed').map((row) => row.board),
    unavailable: rows.filter((row) => row.state === 'unavailable').map((row) => row.board),
    finished: job !== undefined && job.state !== 'running',
  };
}

/** "2 of 4 succeeded; failed: board-c; not available: board-d", or how far it is while it runs. */
export function summaryText(summary: GroupSummary): string {
  const { total, succeeded, failed, unavailable } = summary;
  const ended = succeeded + failed.length + unavailable.length;
  const head = summary.finished
    ? `${succeeded} of ${total} succeeded`
    : `${ended} of ${total} done, ${succeeded} succeeded`;
  const named = (label: string, boards: readonly string[]) =>
    boards.length === 0 ? '' : `; ${label}: ${boards.join(', ')}`;
  return `${head}${named('failed', failed)}${named('not available', unavailable)}`;
}
