// SPDX-License-Identifier: Apache-2.0
import type { PushOptionsState } from './push-options.js';

/** nocache, environment, build arguments and the device type of boards that do not say theirs. */
export function PushOptions(props: {
  options: PushOptionsState;
  onChange: (options: PushOptionsState) => void;
}) {
  const { options } = props;
  const set = (patch: Partial<PushOptionsState>) => props.onChange({ ...options, ...patch });
  return (
    <details className="push-options">
      <summary>Options</summary>
      <div className="push-options-grid">
        <label className="push-inline">
          <input
            type="checkbox"
            checked={options.nocache}
            onChange={(event) => set({ nocache: event.target.checked })}
          />
          Build without the layer cache (nocache)
        </label>
        <label className="push-inline">
          <input
            type="checkbox"
            checked={options.live}
            onChange={(event) => set({ live: event.target.checked })}
          />
          Live sync: keep sending saved changes to the boards after the push
        </label>
        <label>
          Device type
          <input
            className="mono"
            placeholder="from the board, or generic-<arch>"
            value={options.deviceType}
            onChange={(event) => set({ deviceType: event.target.value })}
          />
        </label>
        <label>
          Environment, one [service:]KEY=VALUE a line
          <textarea
            className="mono"
            rows={3}
            placeholder={'DEBUG=1\nfrontend:PORT=8080'}
            value={options.env}
            onChange={(event) => set({ env: event.target.value })}
          />
        </label>
        <label>
          Build arguments, one [service:]KEY=VALUE a line
          <textarea
            className="mono"
            rows={3}
            placeholder="hello:GREETING=hi"
            value={options.buildArgs}
            onChange={(event) => set({ buildArgs: event.target.value })}
          />
        </label>
      </div>
    </details>
  );
}
