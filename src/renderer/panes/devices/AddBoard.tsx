// SPDX-License-Identifier: Apache-2.0
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';

/** For bench networks where multicast does not pass: a board by address, kept in a saved list. */
export function AddBoard() {
  const client = useClient();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!address.trim()) return;
    setBusy(true);
    setError(undefined);
    client
      .call('devices.add', { address })
      .then(
        () => setAddress(''),
        (e: unknown) => setError(describeError(e)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="devices-add" onSubmit={onSubmit} aria-label="Add a board by hand">
      <input
        value={address}
        placeholder="address or host name"
        aria-label="Board address or host name"
        onChange={(event) => {
          setAddress(event.target.value);
          setError(undefined);
        }}
      />
      <button type="submit" disabled={busy || !address.trim()}>
        {busy ? 'Adding…' : 'Add board'}
      </button>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
