// SPDX-License-Identifier: Apache-2.0
import { useState, type FormEvent } from 'react';
import type { InventoryBoard } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { splitLabel } from '../../../shared/inventory/board-filter.js';
import { useClient } from '../../client/client-context.js';

/**
 * Where a board sits and its labels, as a person sets them. What is saved comes back as the
 * engine's change event, so the row and this page show it the same way as a change made from
 * the CLI or another window.
 */
export function RecordEditor(props: { record: InventoryBoard }) {
  const client = useClient();
  const { record } = props;
  const name = `#${record.id}`;
  // What the person typed; until then the fields show the record.
  const [crate, setCrate] = useState<string>();
  const [slot, setSlot] = useState<string>();
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = (work: Promise<unknown>, done: () => void) => {
    setBusy(true);
    setError(undefined);
    work.then(done, (e: unknown) => setError(describeError(e))).finally(() => setBusy(false));
  };
  const locate = (event: FormEvent) => {
    event.preventDefault();
    run(
      client.call('inventory.locate', {
        name,
        crate: crate ?? record.location.crate,
        slot: slot ?? record.location.slot,
      }),
      () => {
        setCrate(undefined);
        setSlot(undefined);
      },
    );
  };
  const addLabel = (event: FormEvent) => {
    event.preventDefault();
    const labels = label.split(/[\s,]+/).filter(Boolean);
    if (labels.length > 0)
      run(client.call('inventory.label', { name, add: labels }), () => setLabel(''));
  };
  const removeLabel = (text: string) =>
    run(client.call('inventory.label', { name, remove: [splitLabel(text)[0]] }), () => undefined);

  return (
    <div className="record-editor" aria-busy={busy}>
      <form className="devices-actions" onSubmit={locate} aria-label="Location">
        <label>
          Crate{' '}
          <input
            value={crate ?? record.location.crate ?? ''}
            size={8}
            onChange={(event) => setCrate(event.target.value)}
          />
        </label>
        <label>
          Slot{' '}
          <input
            value={slot ?? record.location.slot ?? ''}
            size={6}
            onChange={(event) => setSlot(event.target.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          Save location
        </button>
      </form>
      <form className="devices-actions" onSubmit={addLabel} aria-label="Labels">
        {record.labels.map((text) => (
          <span key={text} className="label-chip">
            {text}{' '}
            <button
              type="button"
              className="link"
              aria-label={`Remove label ${text}`}
              disabled={busy}
              onClick={() => removeLabel(text)}
            >
              ×
            </button>
          </span>
        ))}
        <input
          value={label}
          placeholder="key or key=value"
          aria-label="New label"
          size={18}
          onChange={(event) => setLabel(event.target.value)}
        />
        <button type="submit" disabled={busy || label.trim() === ''}>
          Add label
        </button>
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
