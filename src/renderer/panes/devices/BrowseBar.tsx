// SPDX-License-Identifier: Apache-2.0
import { useState, type FormEvent } from 'react';
import type { BrowseStatus } from '../../../shared/contract/index.js';
import { useClient } from '../../client/client-context.js';
import { describeError } from '../../../shared/errors.js';

const toList = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Browsing on or off, and the interface allow-list (kept as the setting for next time). */
export function BrowseBar(props: { status: BrowseStatus | undefined }) {
  const client = useClient();
  const { status } = props;
  // What the person typed; until then the field shows the saved allow-list.
  const [draft, setDraft] = useState<string>();
  const allow = draft ?? status?.allow.join(', ') ?? '';
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const apply = (enabled: boolean) => {
    setBusy(true);
    setError(undefined);
    client
      .call('devices.browse', { enabled, interfaces: toList(allow), save: true })
      .then(
        () => setDraft(undefined),
        (e: unknown) => setError(describeError(e)),
      )
      .finally(() => setBusy(false));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply(true);
  };

  const names = status?.active.map((i) => i.name) ?? [];
  // A test stand browses dozens of interfaces: name a few, count the rest.
  const active =
    names.length > 4
      ? `${names.length} interfaces (${names.slice(0, 3).join(', ')} …)`
      : names.join(', ');
  return (
    <form
      className="devices-browse"
      onSubmit={onSubmit}
      aria-label="mDNS browsing"
      aria-busy={busy}
    >
      <span
        className={`badge ${status?.enabled ? 'badge-ok' : ''}`}
        data-testid="browse-state"
        title={names.join(', ')}
      >
        {status?.enabled ? `Browsing on ${active || 'no interface yet'}` : 'Browsing is off'}
      </span>
      <label>
        Interfaces{' '}
        <input
          value={allow}
          placeholder="all (or e.g. eth1, usb*)"
          aria-label="Interfaces to browse on"
          size={22}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <button type="submit" className={status?.enabled ? '' : 'primary'} disabled={busy}>
        {status?.enabled ? 'Apply' : 'Start browsing'}
      </button>
      {status?.enabled && (
        <button type="button" disabled={busy} onClick={() => apply(false)}>
          Stop
        </button>
      )}
      <button
        type="button"
        disabled={busy}
        title="Ask every board again and probe them now"
        onClick={() => void client.call('devices.refresh', {}).catch(() => undefined)}
      >
        Refresh
      </button>
      {error && <span className="error-text">{error}</span>}
    </form>
  );
}
