// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { HistoryEvent, InventoryBoard } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { lastSeenText } from './pane-rows.js';

const LIMIT = 100;

/** An event's detail in a line: `key value` pairs, long values cut. */
function detailText(detail: Record<string, unknown>): string {
  const text = Object.entries(detail)
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/**
 * A board's history, newest first. Asked again whenever its record changes: every write to a
 * board's rows (a label, a flash, a sighting) comes as a new record from the engine.
 */
export function BoardHistory(props: { record: InventoryBoard }) {
  const client = useClient();
  const { record } = props;
  const [events, setEvents] = useState<HistoryEvent[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let alive = true;
    client.call('inventory.history', { name: `#${record.id}`, limit: LIMIT }).then(
      (list) => {
        if (!alive) return;
        setEvents(list);
        setError(undefined);
      },
      (e: unknown) => alive && setError(describeError(e)),
    );
    return () => {
      alive = false;
    };
  }, [client, record]);

  return (
    <>
      <h4>History</h4>
      {error && <p className="error-text">{error}</p>}
      {events && events.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <table className="list" aria-label="History">
          <thead>
            <tr>
              <th>When</th>
              <th>What</th>
              <th>Who</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {events?.map((event) => (
              <tr key={event.id}>
                <td>{lastSeenText(event.at)}</td>
                <td>{event.kind}</td>
                <td>{event.who}</td>
                <td className="mono">{detailText(event.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events?.length === LIMIT && (
        <p className="muted">
          The latest {LIMIT}; all of it: <code>benchtop board history {`#${record.id}`}</code>.
        </p>
      )}
    </>
  );
}
