// SPDX-License-Identifier: Apache-2.0
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Drive } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';
import { useClient, useEvent } from '../../client/client-context.js';
import { describeError } from '../../../shared/errors.js';

export const isRefused = (drive: Drive): boolean =>
  drive.warnings.some((warning) => warning.severity === 'refuse');

export function TargetPicker(props: {
  image: string | undefined;
  selected: string[];
  onSelected: (devices: string[]) => void;
}) {
  const client = useClient();
  const [drives, setDrives] = useState<Drive[]>([]);
  const [showVirtual, setShowVirtual] = useState(false);
  const [error, setError] = useState<string>();
  const { image, selected, onSelected } = props;

  // Only the latest answer counts: a slow one (first look at a big image) must not overwrite
  // the list asked for after it.
  const latest = useRef(0);
  const refresh = useCallback(() => {
    const request = ++latest.current;
    client.call('drives.list', { showVirtual, ...(image ? { image } : {}) }).then(
      (list) => {
        if (request !== latest.current) return;
        setDrives(list);
        setError(undefined);
      },
      (e: unknown) => setError(describeError(e)),
    );
  }, [client, showVirtual, image]);

  useEffect(refresh, [refresh]);
  // Hot-plug: a card that appears or goes is shown without a refresh.
  useEvent('drives.changed', refresh);

  useEffect(() => {
    const present = new Set(drives.filter((d) => !isRefused(d)).map((d) => d.device));
    if (selected.some((device) => !present.has(device)))
      onSelected(selected.filter((device) => present.has(device)));
  }, [drives, selected, onSelected]);

  const toggle = (device: string) =>
    onSelected(
      selected.includes(device) ? selected.filter((d) => d !== device) : [...selected, device],
    );

  return (
    <section className="flash-step" aria-labelledby="flash-targets-title">
      <h3 id="flash-targets-title">2. Targets</h3>
      <label className="flash-inline">
        <input
          type="checkbox"
          checked={showVirtual}
          onChange={(event) => setShowVirtual(event.target.checked)}
        />
        Show virtual drives (loop devices)
      </label>
      {error && <p role="alert">{error}</p>}
      {drives.length === 0 ? (
        <p className="muted" data-testid="no-drives">
          No drives found. Insert an SD card or USB drive; it appears here by itself.
        </p>
      ) : (
        <ul className="flash-drives" aria-label="Drives">
          {drives.map((drive) => (
            <li key={drive.device} data-testid="drive-row">
              <label className={isRefused(drive) ? 'refused' : ''}>
                <input
                  type="checkbox"
                  aria-label={`Write ${drive.device}`}
                  disabled={isRefused(drive)}
                  checked={selected.includes(drive.device)}
                  onChange={() => toggle(drive.device)}
                />
                <span className="mono">{drive.device}</span>
                <span>{formatBytes(drive.size)}</span>
                <span className="muted">{drive.description}</span>
              </label>
              {drive.warnings.length > 0 && (
                <ul className="flash-warnings">
                  {drive.warnings.map((warning) => (
                    <li key={warning.code} className={`warning-${warning.severity}`}>
                      {warning.message}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
