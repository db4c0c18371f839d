// SPDX-License-Identifier: Apache-2.0
import type { FlashResult, ManifestCard } from '../../../shared/contract/index.js';
import { describeError, toErrorInfo, type ErrorInfo } from '../../../shared/errors.js';
import { formatBytes, formatDuration } from '../../../shared/format.js';
import { jobResult } from '../../../shared/job-result.js';
import type { Job, JobTask } from '../../../shared/jobs.js';

function CardProgress({ task }: { task: JobTask }) {
  const progress = task.progress;
  const percent =
    progress?.total !== undefined && progress.total > 0
      ? Math.min(100, (progress.done / progress.total) * 100)
      : undefined;
  const phase = task.state === 'running' ? task.phase : task.state;
  return (
    <li className={`flash-card state-${task.state}`} data-testid="card-progress">
      <div className="flash-card-head">
        <span className="mono">{task.label}</span>
        <span data-testid="card-phase">{phase}</span>
        {progress && task.state === 'running' && (
          <span className="muted">
            {formatBytes(progress.done)}
            {progress.total !== undefined && ` / ${formatBytes(progress.total)}`}
            {progress.speed !== undefined && ` · ${formatBytes(progress.speed)}/s`}
            {progress.eta !== undefined && ` · ${formatDuration(progress.eta)} left`}
          </span>
        )}
      </div>
      <progress
        max={100}
        value={task.state === 'succeeded' ? 100 : percent}
        aria-label={`${task.label} ${phase}`}
      />
      {task.error && (
        <p className="flash-error" role="alert">
          {describeError(task.error)}
        </p>
      )}
    </li>
  );
}

function Summary({ cards, result }: { cards: ManifestCard[]; result: FlashResult }) {
  const fromTable = cards.some((card) => card.slot !== undefined);
  return (
    <div className="flash-summary" data-testid="flash-summary">
      <h4>Summary</h4>
      <table>
        <thead>
          <tr>
            {fromTable && <th>Slot</th>}
            <th>Target</th>
            <th>Result</th>
            <th>Hostname</th>
            <th>Address</th>
            <th>UUID</th>
            <th>Verified</th>
            <th>Config read back</th>
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <tr key={card.target} data-testid="summary-row">
              {fromTable && <td className="mono">{card.slot ?? '-'}</td>}
              <td className="mono">{card.target}</td>
              <td>{card.error ? `failed: ${card.error}` : 'ok'}</td>
              <td>{card.hostname || '-'}</td>
              <td className="mono">{card.address ?? 'DHCP'}</td>
              <td className="mono">{card.uuid || '-'}</td>
              <td>{card.verified ? 'yes' : 'no'}</td>
              <td>{card.configVerified ? 'yes' : card.uuid ? 'no' : '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {formatBytes(result.bytesWritten)} written per card
        {result.sparse ? ' (unused blocks skipped)' : ''}.
        {result.manifest && (
          <>
            {' '}
            Manifest saved:{' '}
            <span className="mono" data-testid="manifest-path">
              {result.manifest}
            </span>
          </>
        )}
      </p>
    </div>
  );
}

/** A succeeded flash's result, or why it cannot be shown (the engine broke the contract). */
function outcome(job: Job): { result: FlashResult } | { problem: ErrorInfo } | undefined {
  if (job.state !== 'succeeded') return undefined;
  try {
    return { result: jobResult('flash.start', job) };
  } catch (error) {
    return { problem: toErrorInfo(error) };
  }
}

export function FlashRun(props: { job: Job; onCancel: () => void }) {
  const { job } = props;
  const finished = outcome(job);
  return (
    <div className="flash-run" aria-live="polite">
      <div className="flash-row">
        <strong data-testid="flash-state">
          {job.state === 'running' ? `Flashing: ${job.phase}` : `Flash ${job.state}`}
        </strong>
        {job.state === 'running' && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
      {job.error && job.state !== 'cancelled' && (
        <p className="flash-error" role="alert">
          {describeError(job.error)}
        </p>
      )}
      <ul className="flash-cards">
        {job.tasks.map((task) => (
          <CardProgress key={task.id} task={task} />
        ))}
      </ul>
      {finished && 'problem' in finished && (
        <p className="flash-error" role="alert">
          {describeError(finished.problem)}
        </p>
      )}
      {finished && 'result' in finished && (
        <Summary cards={finished.result.cards} result={finished.result} />
      )}
    </div>
  );
}
