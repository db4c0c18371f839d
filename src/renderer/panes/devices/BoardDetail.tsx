// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import { sshCommand } from '../../../shared/boards.js';
import type { Board, BoardDetail as Detail } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';
import { useClient } from '../../client/client-context.js';
import { EngineBadge, ReachBadge } from './Badges.js';
import { OpenConsoleButton } from './OpenConsoleButton.js';
import { describeError } from '../../../shared/errors.js';

const REFRESH_MS = 3000;

function Facts(props: { board: Board; detail: Detail | undefined }) {
  const { board } = props;
  const engine = board.engine;
  const rows: [string, string][] = [
    ['Host name', board.hostname ?? '-'],
    ['Address', board.address ?? 'does not resolve'],
    ['Interface', board.interface ?? '-'],
    ['Found by', board.source === 'mdns' ? 'mDNS' : 'added by hand'],
  ];
  if (engine) {
    rows.push(
      ['Engine', `${engine.version} (API ${engine.apiVersion})`],
      ['OS / arch', `${engine.os} / ${engine.arch}`],
    );
    if (engine.containers) {
      const c = engine.containers;
      rows.push(['Containers', `${c.running} running, ${c.paused} paused, ${c.stopped} stopped`]);
    }
    if (engine.images !== undefined) rows.push(['Images', String(engine.images)]);
    if (engine.storageDriver) rows.push(['Storage driver', engine.storageDriver]);
    if (engine.memTotal !== undefined) rows.push(['Memory', formatBytes(engine.memTotal)]);
    if (engine.cpus !== undefined) rows.push(['CPUs', String(engine.cpus)]);
  } else if (board.engineError) {
    rows.push(['Engine', board.engineError]);
  }
  if (board.supervisor.deviceType) {
    rows.push(['Device type', `${board.supervisor.deviceType} (${board.supervisor.arch ?? '?'})`]);
  }
  if (board.ssh.banner) rows.push(['SSH server', board.ssh.banner]);
  for (const [key, value] of Object.entries(board.txt)) rows.push([`TXT ${key}`, value]);
  return (
    <dl className="devices-facts">
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

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
        {/* Push fills these in; until then they say so instead of pretending. */}
        <button type="button" disabled title="Pushing a project comes with the Push pane">
          Push a project
        </button>
        <button type="button" disabled title="Container logs come with the Push pane">
          Show logs
        </button>
        {board.source === 'manual' && (
          <button type="button" onClick={remove}>
            Remove from list
          </button>
        )}
      </div>
      {error && <p className="error-text">{error}</p>}
      <Facts board={detail?.board ?? board} detail={detail} />
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
