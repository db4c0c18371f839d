// SPDX-License-Identifier: Apache-2.0
import type { InventoryBoard } from '../../../shared/contract/index.js';
import { lastSeen, lastSeenText, locationText, rowStatus, type PaneRow } from './pane-rows.js';

const STATUS_TONE = { online: 'badge-ok', offline: '', unseen: '' } as const;

/** When something was done: the date, and the time too if it was today. */
const when = (iso: string): string => lastSeenText(iso).replace(/:\d\d$/, '');

/** Online, or when the board was last seen (never, for a record no board has joined yet). */
export function StatusCell(props: { row: PaneRow }) {
  const status = rowStatus(props.row);
  const seen = lastSeen(props.row);
  return (
    <td>
      <span className={`badge ${STATUS_TONE[status]}`}>{status}</span>
      {/* A board that left says so beside its name. */}
      {!props.row.live && (
        <span className="muted" data-testid="record-seen">
          {' '}
          {seen ? `last seen ${lastSeenText(seen)}` : 'never seen'}
        </span>
      )}
    </td>
  );
}

/** What the inventory says of a row's board: location, labels, port, last flash and push. */
export function RecordCells(props: { record: InventoryBoard | undefined }) {
  const { record } = props;
  const flash = record?.lastFlash;
  const push = record?.lastPush;
  return (
    <>
      <td className="mono" data-testid="location">
        {locationText(record) ?? '-'}
      </td>
      <td className="device-labels" title={record?.labels.join(' ')}>
        {record?.labels.map((label) => (
          <span key={label} className="label-chip">
            {label}
          </span>
        ))}
      </td>
      <td className="mono">{record?.port?.serialNumber ?? record?.port?.path ?? '-'}</td>
      <td title={flash?.image ?? undefined}>{flash ? when(flash.at) : '-'}</td>
      <td title={push?.services.join(', ')}>{push ? `${push.project} ${when(push.at)}` : '-'}</td>
    </>
  );
}
