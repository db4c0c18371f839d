// SPDX-License-Identifier: Apache-2.0
import type { Board, BoardDetail } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';

/** What is known of a board: its names, address, engine, supervisor and advert. */
export function BoardFacts(props: { board: Board; detail: BoardDetail | undefined }) {
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
