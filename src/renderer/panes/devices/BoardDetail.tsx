// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import { boardRef, sshCommand } from '../../../shared/boards.js';
import type { Board, BoardDetail as Detail } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';
import { useShowPane } from '../../navigation.js';
import { requestPush } from '../../stores/push-request.js';
import { BoardFacts } from './BoardFacts.js';
import { BoardServices } from './BoardServices.js';
import { useClient } from '../../client/client-context.js';
import { EngineBadge, ReachBadge } from './Badges.js';
import { OpenConsoleButton } from './OpenConsoleButton.js';
import { TerminalButtons } from './TerminalButtons.js';
import { describeError } from '../../../shared/errors.js';

const REFRESH_MS = 3000;

/** One board: its facts, containers and images, refreshed while open. */
export function BoardDetail(props: { board: Board; onClose: () => void }) {
  const client = useClient();
  const { board } = props;
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);
  const ssh = detail?.sshCommand ?? sshCommand(board);

  useEffect(() => {
    let alive = true;
    const load = () =>
      client.call('devices.info', { address: board.id }).then(
        (d) => {
          if (!alive) return;
          setDetail(d);
          setError(undefined);
        },
        (e: unknown) => alive && setError(describeError(e)),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [client, board.id]);

  const copy = () => {
    void navigator.clipboard.writeText(ssh).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setError('The browser refused the clipboard: select the command and copy it.'),
    );
  };
  const showPane = useShowPane();
  const openPush = (logs: boolean) => {
    requestPush([boardRef(board)], logs);
    showPane('push');
  };
  const remove = () => {
    client
      .call('devices.remove', { address: board.name })
      .then(props.onClose, (e: unknown) => setError(describeError(e)));
  };

  return (
    <section className="devices-detail" aria-label={`Board ${board.name}`}>
      <header>
        <h3>{board.name}</h3>
        <EngineBadge board={board} />
        <ReachBadge
          state={board.supervisor.state}
          up="supervisor up"
          down="no supervisor"
          title={board.supervisor.error}
        />
        <ReachBadge
          state={board.ssh.state}
          up="ssh open"
          down="ssh closed"
          title={board.ssh.error}
        />
        <span className="spacer" />
        <button type="button" onClick={props.onClose} aria-label="Close detail">
          Close
        </button>
      </header>
      <div className="devices-actions">
        <code className="mono" data-testid="ssh-command">
          {ssh}
        </code>
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy ssh command'}
        </button>
        <OpenConsoleButton board={board.name} />
        <button type="button" onClick={() => openPush(false)}>
          Push a project
        </button>
        <button type="button" onClick={() => openPush(true)}>
          Show logs
        </button>
        {board.source === 'manual' && (
          <button type="button" onClick={remove}>
            Remove from list
          </button>
        )}
      </div>
      <TerminalButtons
        board={boardRef(board)}
        boardName={board.name}
        refresh={detail?.containers.map((c) => `${c.id}:${c.state}`).join(',') ?? ''}
      />
      {error && <p className="error-text">{error}</p>}
      <BoardFacts board={detail?.board ?? board} detail={detail} />
      <BoardServices board={boardRef(board)} />
      <h4>Containers</h4>
      {detail?.engineError ? (
        <p className="muted">Engine not reachable: {detail.engineError}</p>
      ) : detail && detail.containers.length === 0 ? (
        <p className="muted">No containers on this engine.</p>
      ) : (
        <table className="list" aria-label="Containers">
          <thead>
            <tr>
              <th>Name</th>
              <th>Image</th>
              <th>State</th>
              <th>Status</th>
              <th>Ports</th>
            </tr>
          </thead>
          <tbody>
            {detail?.containers.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td className="mono">{c.image}</td>
                <td>{c.state}</td>
                <td>{c.status}</td>
                <td className="mono">{c.ports.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Images</h4>
      {detail && detail.images.length === 0 && !detail.engineError ? (
        <p className="muted">No images on this engine.</p>
      ) : (
        <table className="list" aria-label="Images">
          <thead>
            <tr>
              <th>Tags</th>
              <th>ID</th>
              <th>Size</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {detail?.images.map((i) => (
              <tr key={i.id}>
                <td className="mono">{i.tags.join(', ') || '<none>'}</td>
                <td className="mono">{i.id}</td>
                <td>{formatBytes(i.size)}</td>
                <td>{i.created.slice(0, 19).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
