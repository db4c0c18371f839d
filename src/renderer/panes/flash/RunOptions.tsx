// SPDX-License-Identifier: Apache-2.0
import { PathField } from '../../components/PathField.js';

/** What happens to a manifest file that exists already: never replaced without being asked. */
export type ManifestMode = 'refuse' | 'append' | 'overwrite';

export interface RunOptionsState {
  verify: boolean;
  confirmLarge: boolean;
  manifest: string;
  manifestMode: ManifestMode;
  startIndex: string;
}

export const initialRunOptions: RunOptionsState = {
  verify: true,
  confirmLarge: false,
  manifest: '',
  manifestMode: 'refuse',
  startIndex: '',
};

export function RunOptions(props: {
  options: RunOptionsState;
  startIndexError: string | undefined;
  onChange: (options: RunOptionsState) => void;
}) {
  const { options } = props;
  const set = <K extends keyof RunOptionsState>(key: K, value: RunOptionsState[K]) =>
    props.onChange({ ...options, [key]: value });
  return (
    <div className="flash-options">
      <div className="flash-row">
        <label className="flash-inline">
          <input
            type="checkbox"
            checked={options.verify}
            onChange={(event) => set('verify', event.target.checked)}
          />
          Verify after writing
        </label>
        <label className="flash-inline">
          <input
            type="checkbox"
            checked={options.confirmLarge}
            onChange={(event) => set('confirmLarge', event.target.checked)}
          />
          Yes, also write drives larger than 128 GB
        </label>
      </div>
      <span className="muted">Manifest file (the run's record, JSON and CSV)</span>
      <PathField
        id="flash-manifest"
        label="Manifest file"
        placeholder="default: a new file in Benchtop's manifests folder"
        value={options.manifest}
        files
        onChange={(value) => set('manifest', value)}
      />
      <div className="flash-row">
        <label className="flash-inline">
          If the manifest exists:
          <select
            aria-label="If the manifest exists"
            value={options.manifestMode}
            onChange={(event) => set('manifestMode', event.target.value as ManifestMode)}
          >
            <option value="refuse">stop, write nothing</option>
            <option value="append">add these cards to it</option>
            <option value="overwrite">replace it</option>
          </select>
        </label>
        <label className="flash-inline">
          First card number
          <input
            aria-label="First card number"
            className="flash-number"
            placeholder={options.manifestMode === 'append' ? 'next' : '1'}
            value={options.startIndex}
            onChange={(event) => set('startIndex', event.target.value)}
          />
        </label>
        {props.startIndexError && (
          <span role="alert" className="flash-error">
            {props.startIndexError}
          </span>
        )}
      </div>
    </div>
  );
}
