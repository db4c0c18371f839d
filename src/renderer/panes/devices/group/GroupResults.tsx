// SPDX-License-Identifier: Apache-2.0
import type { GroupRow } from './group-rows.js';
import { summaryText } from './group-rows.js';
import { download } from '../../../components/download.js';
import { resultsCsv, resultsJson } from './group-export.js';
import { useGroupJob } from './use-group-job.js';

const tone: Record<GroupRow['state'], string> = {
  waiting: '',
  running: 'badge-warn',
  ok: 'badge-ok',
  failed: 'badge-bad',
  unavailable: '',
};

const stateLabel: Record<GroupRow['state'], string> = {
  waiting: 'waiting',
  running: 'running',
  ok: 'ok',
  failed: 'failed',
  unavailable: 'not available',
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** One board's line: its state, exit status, time, and what it printed (opened on demand). */
function ResultRow(props: { row: GroupRow }) {
  const { board, state, result } = props.row;
  const output = result?.output ?? '';
  const firstLine = result?.error?.message ?? output.split('\n').find((line) => line !== '') ?? '';
  return (
    <tr data-testid="group-result" data-board={board} data-state={state}>
      <td className="mono">{board}</td>
      <td>
        <span className={`badge ${tone[state]}`}>{stateLabel[state]}</span>
      </td>
      <td className="mono">{result?.status ?? '-'}</td>
      <td>{result ? seconds(result.durationMs) : '-'}</td>
      <td className="group-output">
        {output === '' ? (
          <span className={result?.error ? 'error-text' : 'muted'}>{firstLine || '-'}</span>
        ) : (
          <details>
            <summary>{firstLine}</summary>
            <pre>{output}</pre>
          </details>
        )}
      </td>
    </tr>
  );
}

/** A group action's live results: a row per board, the summary, cancel and export. */
export function GroupResults(props: { jobId: string; onClose: () => void }) {
  const { job, rows, summary, cancel } = useGroupJob(props.jobId);
  // A group that ended with its result says what went wrong per row and in the summary.
  const jobError = job?.result === undefined ? job?.error : undefined;
  const running = job?.state === 'running';
  const stamp = (job?.startedAt ?? '').replace(/[:.]/g, '-');
  return (
    <section
      className="devices-detail group-results"
      aria-label="Group results"
      data-finished={summary.finished}
    >
      <header>
        <h3>{job?.title ?? 'Starting…'}</h3>
        <span className="spacer" />
        {running && (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        )}
        <button
          type="button"
          disabled={rows.length === 0}
          onClick={() => download(`group-${stamp}.csv`, resultsCsv(rows), 'text/csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={rows.length === 0}
          onClick={() =>
            download(`group-${stamp}.json`, resultsJson(job, rows), 'application/json')
          }
        >
          Export JSON
        </button>
        {!running && (
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        )}
      </header>
      <p
        data-testid="group-summary"
        className={summary.failed.length + summary.unavailable.length > 0 ? 'error-text' : ''}
      >
        {job?.state === 'cancelled' ? 'Cancelled: ' : ''}
        {summaryText(summary)}
      </p>
      {jobError && <p className="error-text">{jobError.message}</p>}
      <table className="list group-table">
        <thead>
          <tr>
            <th>Board</th>
            <th>Result</th>
            <th>Exit</th>
            <th>Duration</th>
            <th>Output</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ResultRow key={row.board} row={row} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
