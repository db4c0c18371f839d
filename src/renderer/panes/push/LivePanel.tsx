// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import type { LiveSession } from '../../../shared/contract/index.js';
import { SyncEntry } from './SyncEntry.js';
import { stateLabel } from './live-timeline.js';
import { useLiveFeed } from './use-live-feed.js';
import type { LiveBoard } from './use-live-sessions.js';
import './live.css';

/** A board's session: the live indicator with Stop, where it stands, and its syncs. */
function LiveSessionView(props: {
  session: LiveSession;
  onStop: (sessionId: string) => Promise<void>;
}) {
  const { view, stopped } = useLiveFeed(props.session);
  const [stopping, setStopping] = useState(false);
  const live = view.state !== 'stopped';
  const stop = () => {
    setStopping(true);
    void props.onStop(props.session.sessionId).finally(() => {
      setStopping(false);
      stopped();
    });
  };
  return (
    <>
      <div className="push-row" aria-live="polite">
        <span
          className={`live-indicator state-${view.state}`}
          data-testid="live-state"
          data-state={view.state}
        >
          {stateLabel(view.state, view.pending)}
        </span>
        <span className="muted" data-testid="live-message">
          {view.message}
        </span>
        <span className="spacer" />
        {live && (
          <button type="button" onClick={stop} disabled={stopping}>
            Stop live sync
          </button>
        )}
      </div>
      {view.output.length > 0 && (
        <pre className="live-building" aria-label="Rebuild output">
          {view.output.slice(-8).join('\n')}
        </pre>
      )}
      {view.syncs.length === 0 ? (
        <p className="muted" data-testid="live-empty">
          No syncs yet: save a file in the project and it shows here.
        </p>
      ) : (
        <ol className="live-timeline" aria-label={`Syncs to ${props.session.board}`}>
          {view.syncs.map((entry) => (
            <SyncEntry key={entry.sync.sync} entry={entry} />
          ))}
        </ol>
      )}
    </>
  );
}

/** Live sync after the push: per board, its session's state and a timeline newest first. */
export function LivePanel(props: {
  boards: LiveBoard[];
  project: string | undefined;
  onStop: (sessionId: string) => Promise<void>;
}) {
  return (
    <section className="push-logs push-live" aria-label="Live sync">
      <h3>Live sync{props.project ? ` of ${props.project}` : ''}</h3>
      {props.boards.map(({ board, session, error }) => (
        <div
          key={board}
          className="push-board-logs"
          data-testid="live-board"
          data-board={board}
          data-session={session?.sessionId ?? ''}
        >
          <h4 className="mono">{board}</h4>
          {error && (
            <p className="push-error" role="alert">
              Live sync did not start: {error}
            </p>
          )}
          {!error && !session && <p className="muted">Starting live sync…</p>}
          {session && (
            <LiveSessionView key={session.sessionId} session={session} onStop={props.onStop} />
          )}
        </div>
      ))}
    </section>
  );
}
