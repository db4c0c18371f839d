// SPDX-License-Identifier: Apache-2.0
import type { AppInfo } from '../../shared/contract/index.js';
import type { Job } from '../../shared/jobs.js';
import { useCaller } from '../client/caller-context.js';
import type { ConnectionState } from '../client/connect.js';

export function StatusBar(props: {
  connection: ConnectionState;
  info: AppInfo | undefined;
  jobs: Job[];
}) {
  const running = props.jobs.filter((job) => job.state === 'running');
  const caller = useCaller();
  return (
    <footer className="status-bar" role="status" aria-live="polite">
      <span className={`connection connection-${props.connection}`} data-testid="connection-state">
        {props.connection === 'connected'
          ? '● connected'
          : props.connection === 'connecting'
            ? '○ connecting…'
            : '✕ disconnected: reload to reconnect'}
      </span>
      <span data-testid="running-jobs">
        {running.length === 0
          ? 'No jobs running'
          : `${running.length} job${running.length === 1 ? '' : 's'} running: ${running.map((job) => job.title).join(', ')}`}
      </span>
      <span className="spacer" />
      {caller && !caller.owner && (
        <span data-testid="caller" title="Your user and role on this bench">
          {caller.user} · {caller.role}
        </span>
      )}
      {props.info && (
        <span>
          Benchtop {props.info.version} · {props.info.host === 'electron' ? 'desktop' : 'browser'} ·{' '}
          {props.info.platform}/{props.info.arch}
        </span>
      )}
    </footer>
  );
}
