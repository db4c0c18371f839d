// SPDX-License-Identifier: Apache-2.0
// A group action's results saved from the pane: CSV for a spreadsheet, JSON for a script (the
// same shape `benchtop exec --json` ends with).
import { toCsv } from '../../../../shared/csv.js';
import type { Job } from '../../../../shared/jobs.js';
import type { GroupRow } from './group-rows.js';

const header = ['board', 'result', 'exit status', 'duration ms', 'error', 'output'];

export function resultsCsv(rows: readonly GroupRow[]): string {
  return toCsv(
    header,
    rows.map((row) => [
      row.board,
      row.state,
      row.result?.status === null || row.result === undefined ? '' : String(row.result.status),
      row.result === undefined ? '' : String(Math.round(row.result.durationMs)),
      row.result?.error?.message ?? '',
      row.result?.output ?? '',
    ]),
  );
}

export function resultsJson(job: Job | undefined, rows: readonly GroupRow[]): string {
  const results = {
    jobId: job?.id,
    title: job?.title,
    state: job?.state,
    startedAt: job?.startedAt,
    endedAt: job?.endedAt,
    boards: rows.map((row) => ({ ...row.result, board: row.board, state: row.state })),
  };
  return `${JSON.stringify(results, null, 2)}\n`;
}
