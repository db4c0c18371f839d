// SPDX-License-Identifier: Apache-2.0
import type { InventoryBoard } from '../../../shared/contract/index.js';
import { BoardHistory } from './BoardHistory.js';
import { RecordEditor } from './RecordEditor.js';
import { lastSeenText } from './pane-rows.js';

const orDash = (value: string | null | undefined): string => value ?? '-';

/** What the inventory keeps of a board: identity, presence, port, last flash and push. */
function recordFacts(record: InventoryBoard): [string, string][] {
  const { presence, lastFlash: flash, lastPush: push, port } = record;
  return [
    ['Record', `#${record.id}`],
    ['Host name', orDash(record.hostname)],
    ['uuid', orDash(record.uuid)],
    ['Device type', orDash(record.deviceType)],
    [
      'Seen',
      presence
        ? `${presence.online ? 'online' : 'offline'}, first ${lastSeenText(presence.firstSeen)}, last ${lastSeenText(presence.lastSeen)}${presence.address ? ` at ${presence.address}` : ''}`
        : 'never',
    ],
    ['Port', port ? [port.serialNumber, port.path].filter(Boolean).join(' ') : 'none tied'],
    [
      'Last flash',
      flash
        ? `${flash.image ?? 'an image'} onto ${flash.target ?? '?'}, ${lastSeenText(flash.at)}`
        : 'none recorded',
    ],
    [
      'Last push',
      push
        ? `${push.project} (${push.services.join(', ') || 'no services'}), ${lastSeenText(push.at)}`
        : 'none recorded',
    ],
  ];
}

/**
 * A board's page in the inventory: its record, where it sits and its labels (editable), and
 * its history, which follows the record as the engine sends its changes.
 */
export function BoardRecord(props: {
  name: string;
  record: InventoryBoard;
  /** Set when the record is shown alone (no board heard now): it then has its own Close. */
  onClose: (() => void) | undefined;
}) {
  const { record } = props;
  return (
    <section className="devices-detail" aria-label={`Record of ${props.name}`}>
      <header>
        <h3>{props.name}</h3>
        <span className="muted">inventory record</span>
        <span className="spacer" />
        {props.onClose && (
          <button type="button" onClick={props.onClose} aria-label="Close detail">
            Close
          </button>
        )}
      </header>
      <dl className="devices-facts">
        {recordFacts(record).map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <RecordEditor record={record} />
      <BoardHistory record={record} />
    </section>
  );
}
