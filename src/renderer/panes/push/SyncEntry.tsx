// SPDX-License-Identifier: Apache-2.0
import type {
  LiveCommandRun,
  LiveFileChange,
  LiveServiceSync,
} from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { clockTime, syncFailed, type TimelineEntry } from './live-timeline.js';

/** Files listed before the rest fold away. */
const SHOWN_FILES = 4;

const KIND_MARK: Record<LiveFileChange['kind'], string> = {
  add: 'added',
  change: 'changed',
  unlink: 'deleted',
  addDir: 'folder added',
  unlinkDir: 'folder deleted',
};

function FileChange({ change }: { change: LiveFileChange }) {
  return (
    <li data-testid="live-file" data-kind={change.kind}>
      <span className="mono">{change.path}</span>{' '}
      <span className="muted">{KIND_MARK[change.kind]}</span>
    </li>
  );
}

/** The first few files, the rest behind "n more". */
function ChangedFiles(props: { changes: LiveFileChange[]; count: number }) {
  const { changes, count } = props;
  if (count === 0) return null;
  const first = changes.slice(0, SHOWN_FILES);
  const rest = changes.slice(SHOWN_FILES);
  const unlisted = count - changes.length;
  return (
    <div className="live-files">
      <ul>
        {first.map((change) => (
          <FileChange key={change.path} change={change} />
        ))}
      </ul>
      {rest.length + unlisted > 0 && (
        <details>
          <summary>{rest.length + unlisted} more</summary>
          <ul>
            {rest.map((change) => (
              <FileChange key={change.path} change={change} />
            ))}
          </ul>
          {unlisted > 0 && <p className="muted">{unlisted} more not listed</p>}
        </details>
      )}
    </div>
  );
}

function CommandRun({ run }: { run: LiveCommandRun }) {
  const failed = run.exitCode !== 0;
  return (
    <details
      className={`live-run${failed ? ' failed' : ''}`}
      data-testid="live-command"
      data-exit={run.exitCode}
    >
      <summary>
        ran <span className="mono">{run.command.join(' ')}</span>,{' '}
        <span className={failed ? 'push-bad' : 'muted'}>exit {run.exitCode}</span>
      </summary>
      <pre aria-label={`Output of ${run.command.join(' ')}`}>
        {run.output.trimEnd() || '(no output)'}
      </pre>
    </details>
  );
}

/** What a sync did to one service: copied, removed, ran, restarted, rebuilt and why. */
function ServiceSync({ sync }: { sync: LiveServiceSync }) {
  const parts: string[] = [];
  if (sync.rebuilt) parts.push(`rebuilt (${sync.reasons.join('; ') || 'its build changed'})`);
  if (sync.created > 0) parts.push(`${sync.created} folder${sync.created === 1 ? '' : 's'} made`);
  if (sync.copied > 0) parts.push(`copied ${sync.copied} file${sync.copied === 1 ? '' : 's'}`);
  if (sync.removed > 0) parts.push(`removed ${sync.removed}`);
  if (sync.restarted) parts.push('restarted');
  if (parts.length === 0 && sync.ran.length === 0 && !sync.error) parts.push('up to date');
  return (
    <li data-testid="live-service" data-service={sync.service} data-rebuilt={sync.rebuilt}>
      <strong className="mono">{sync.service}</strong> {parts.join(', ')}
      {sync.ran.map((run, index) => (
        <CommandRun key={index} run={run} />
      ))}
      {sync.error && (
        <p className="push-error" role="alert">
          {describeError(sync.error)}
        </p>
      )}
    </li>
  );
}

const TRIGGER: Record<TimelineEntry['sync']['trigger'], string> = {
  change: 'Sync',
  initial: 'Initial sync',
  resync: 'Resync',
};

/** One sync in the timeline: when, what changed, what each service did, how long, what failed. */
export function SyncEntry({ entry }: { entry: TimelineEntry }) {
  const { sync, output } = entry;
  const failed = syncFailed(sync);
  return (
    <li
      className={`live-sync${failed ? ' failed' : ''}`}
      data-testid="live-sync"
      data-sync={sync.sync}
      data-trigger={sync.trigger}
      data-failed={failed}
    >
      <div className="push-row">
        <time className="mono" dateTime={sync.startedAt}>
          {clockTime(sync.startedAt)}
        </time>
        <strong>
          {TRIGGER[sync.trigger]} {sync.sync}
        </strong>
        <span className="muted">
          {sync.changeCount} file{sync.changeCount === 1 ? '' : 's'}
        </span>
        <span className="spacer" />
        <span className="mono" data-testid="live-duration">
          {Math.round(sync.durationMs)} ms
        </span>
      </div>
      <ChangedFiles changes={sync.changes} count={sync.changeCount} />
      {sync.services.length === 0 ? (
        <p className="muted">Nothing to do on the board.</p>
      ) : (
        <ul className="live-services">
          {sync.services.map((service) => (
            <ServiceSync key={service.service} sync={service} />
          ))}
        </ul>
      )}
      {output.length > 0 && (
        <details className="live-run">
          <summary>Build output, {output.length} lines</summary>
          <pre>{output.join('\n')}</pre>
        </details>
      )}
      {sync.error && (
        <p className="push-error" role="alert">
          {describeError(sync.error)}
        </p>
      )}
    </li>
  );
}
