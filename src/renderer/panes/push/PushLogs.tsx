// SPDX-License-Identifier: Apache-2.0
import { LogView } from './LogView.js';
import { useLogStream } from './use-log-stream.js';

function BoardLogs(props: { board: string; project: string | undefined; services: string[] }) {
  const stream = useLogStream(props.board, props.project, props.services);
  return (
    <div
      className="push-board-logs"
      data-testid="board-logs"
      data-board={props.board}
      data-state={stream.state}
    >
      <h4>
        <span className="mono">{props.board}</span>{' '}
        <span className="muted">
          {stream.state === 'following'
            ? 'following'
            : stream.state === 'starting'
              ? 'connecting…'
              : ''}
        </span>
      </h4>
      {stream.error && (
        <p className="push-error" role="alert">
          {stream.error}
        </p>
      )}
      <LogView board={props.board} lines={stream.lines} />
    </div>
  );
}

/** The logs of a project (or of every project) on each board, followed until closed. */
export function PushLogs(props: {
  boards: string[];
  project: string | undefined;
  services: string[];
  onClose: () => void;
}) {
  return (
    <section className="push-logs" aria-label="Logs">
      <div className="push-row">
        <h3>Logs{props.project ? ` of ${props.project}` : ''}</h3>
        <span className="spacer" />
        <button type="button" onClick={props.onClose}>
          Stop following logs
        </button>
      </div>
      {props.boards.map((board) => (
        <BoardLogs
          key={`${board}\u0000${props.project ?? ''}`}
          board={board}
          project={props.project}
          services={props.services}
        />
      ))}
    </section>
  );
}
