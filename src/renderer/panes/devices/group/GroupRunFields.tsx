// SPDX-License-Identifier: Apache-2.0
import type { GroupForm } from './use-group-form.js';

/** How many boards at once and how long each may take: asked by every group action's dialog. */
export function GroupRunFields(props: {
  form: GroupForm;
  set: (key: string) => (event: { target: { value: string } }) => void;
}) {
  return (
    <>
      <label>
        Boards at once
        <input
          type="number"
          min={1}
          max={64}
          value={props.form['concurrency']}
          onChange={props.set('concurrency')}
        />
      </label>
      <label>
        Timeout per board (seconds)
        <input
          type="number"
          min={1}
          value={props.form['timeout']}
          onChange={props.set('timeout')}
        />
      </label>
    </>
  );
}
