// SPDX-License-Identifier: Apache-2.0
import { PathField } from '../../components/PathField.js';

/** A folder typed with the separator its completion leaves names the same folder without it. */
const folderOf = (typed: string): string => {
  const path = typed.trim();
  return path.length > 1 ? path.replace(/[\\/]+$/, '') : path;
};

/** The project folder, on the machine that runs the engine: a folders-only PathField. */
export function ProjectPathField(props: {
  value: string;
  onChange: (value: string) => void;
  onChoose: (path: string) => void;
}) {
  const choose = (typed: string) => {
    const path = folderOf(typed);
    if (path) props.onChoose(path);
  };
  return (
    <div className="push-path">
      <label htmlFor="push-path-input">Project folder</label>
      <PathField
        id="push-path-input"
        label="Project folder"
        placeholder="/home/me/my-app, on the machine running Benchtop's engine"
        value={props.value}
        onChange={props.onChange}
        onChoose={choose}
      >
        <button type="button" onClick={() => choose(props.value)} disabled={!props.value.trim()}>
          Open project
        </button>
      </PathField>
      <p className="muted">
        Folders complete from the engine&apos;s disk; in the desktop app a folder can be dropped
        here.
      </p>
    </div>
  );
}
