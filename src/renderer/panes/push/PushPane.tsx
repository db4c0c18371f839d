// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { Job } from '../../../shared/jobs.js';
import { useMissingRole } from '../../client/caller-context.js';
import { onPushRequest } from '../../stores/push-request.js';
import { BoardChooser } from './BoardChooser.js';
import { LivePanel } from './LivePanel.js';
import { ProjectPathField } from './ProjectPathField.js';
import { ProjectSummaryView } from './ProjectSummaryView.js';
import { PushLogs } from './PushLogs.js';
import { PushOptions } from './PushOptions.js';
import { PushRun, pushResultOf } from './PushRun.js';
import {
  defaultPushOptions,
  toLiveInput,
  toPushInput,
  type PushOptionsState,
} from './push-options.js';
import { useLiveSessions } from './use-live-sessions.js';
import { useProjectSummary } from './use-project-summary.js';
import { usePushJob } from './use-push-job.js';
import './pushes.css';

interface LogsShown {
  boards: string[];
  /** Undefined: every project on the boards ("Show logs" on a board). */
  project: string | undefined;
}

export function PushPane() {
  const missing = useMissingRole('push.start');
  const [typed, setTyped] = useState('');
  const [source, setSource] = useState<string>();
  const [reload, setReload] = useState(0);
  const [boards, setBoards] = useState<string[]>([]);
  const [options, setOptions] = useState<PushOptionsState>(defaultPushOptions);
  const [pushedTo, setPushedTo] = useState<string[]>([]);
  const [logs, setLogs] = useState<LogsShown>();
  const inspected = useProjectSummary(source, boards[0], options.deviceType, reload);
  const push = usePushJob();
  const live = useLiveSessions();
  const [liveProject, setLiveProject] = useState<string>();

  // "Push a project" / "Show logs" on a board in the Devices pane.
  useEffect(
    () =>
      onPushRequest((request) => {
        setBoards([...request.boards]);
        setLogs(request.logs ? { boards: [...request.boards], project: undefined } : undefined);
      }),
    [],
  );

  const choose = (path: string) => {
    setSource(path);
    setReload((n) => n + 1);
  };
  const start = () => {
    if (!source) return;
    setLogs(undefined);
    // The boards' sessions would sync into the push under way: a new one follows it.
    live.stopAll();
    setPushedTo(boards);
    const input = toPushInput(source, boards, options);
    push.start(input, (job: Job) => {
      const result = pushResultOf(job);
      const done = result?.boards.filter((b) => b.state === 'succeeded').map((b) => b.board) ?? [];
      if (!result || done.length === 0) return;
      setLogs({ boards: done, project: result.project });
      setLiveProject(result.project);
      if (input.live) live.start(done.map((board) => toLiveInput(input, board)));
    });
  };

  const blockers = [
    missing !== undefined && `have ${missing}`,
    !inspected.summary && 'open a project folder',
    boards.length === 0 && 'choose at least one board',
  ].filter(Boolean);

  return (
    <div className="push">
      <header>
        <h2>Push</h2>
        <p className="muted">
          Build a project on the boards&apos; own engines, run it there and follow its logs. Start
          with the project folder and the boards.
        </p>
      </header>
      <section className="push-step" aria-labelledby="push-project-title">
        <h3 id="push-project-title">1. Project and boards</h3>
        <ProjectPathField value={typed} onChange={setTyped} onChoose={choose} />
        <BoardChooser chosen={boards} onChange={setBoards} />
      </section>
      {source && (
        <section
          className="push-step"
          aria-labelledby="push-summary-title"
          aria-busy={inspected.loading}
        >
          <div className="push-row">
            <h3 id="push-summary-title">2. What will be pushed</h3>
            <button type="button" onClick={() => setReload((n) => n + 1)}>
              Read the folder again
            </button>
          </div>
          {inspected.error && (
            <p className="push-error" role="alert">
              {inspected.error}
            </p>
          )}
          {inspected.summary && <ProjectSummaryView summary={inspected.summary} />}
          <PushOptions options={options} onChange={setOptions} />
        </section>
      )}
      <section className="push-step" aria-labelledby="push-go-title">
        <h3 id="push-go-title">3. Push</h3>
        <div className="push-row">
          <button
            type="button"
            className="primary"
            disabled={blockers.length > 0 || push.running}
            onClick={start}
          >
            Push to {boards.length || ''} board{boards.length === 1 ? '' : 's'}
          </button>
          {blockers.length > 0 && !push.running && (
            <span className="muted">To push: {blockers.join(', ')}.</span>
          )}
        </div>
        {push.error && (
          <p className="push-error" role="alert">
            {push.error}
          </p>
        )}
        {(push.jobId || push.running) && (
          <PushRun job={push.job} boards={pushedTo} output={push.output} onCancel={push.cancel} />
        )}
      </section>
      {live.boards.length > 0 && (
        <LivePanel boards={live.boards} project={liveProject} onStop={live.stop} />
      )}
      {logs && (
        <PushLogs
          boards={logs.boards}
          project={logs.project}
          services={[]}
          onClose={() => setLogs(undefined)}
        />
      )}
    </div>
  );
}
