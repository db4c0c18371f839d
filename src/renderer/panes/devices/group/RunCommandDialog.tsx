// SPDX-License-Identifier: Apache-2.0
import { GroupExecRequest, type GroupOver } from '../../../../shared/contract/index.js';
import { useClient } from '../../../client/client-context.js';
import { Dialog } from '../../../components/Dialog.js';
import type { GroupActionProps } from './group-actions.js';
import { GroupRunFields } from './GroupRunFields.js';
import { countBoards, limitsOf, useGroupForm, type GroupForm } from './use-group-form.js';

type Over = GroupOver['kind'];

const overLabels: Record<Over, string> = {
  ssh: 'ssh (host OS)',
  serial: 'serial console',
  container: 'service container',
};

/** The request from the form, checked by the contract's own schema (its words on a mistake). */
function requestOf(names: readonly string[], form: GroupForm) {
  const over: GroupOver =
    form['over'] === 'container'
      ? { kind: 'container', service: form['service'] ?? '' }
      : { kind: form['over'] === 'serial' ? 'serial' : 'ssh' };
  const login =
    over.kind === 'serial' && form['user']
      ? { user: form['user'], ...(form['password'] ? { password: form['password'] } : {}) }
      : {};
  return GroupExecRequest.safeParse({
    boards: { names: [...names] },
    over,
    command: form['command'] ?? '',
    ...limitsOf(form),
    ...login,
  });
}

/** "Run command…": what to run, where on each board, how many at once, how long each may take. */
export function RunCommandDialog(props: GroupActionProps) {
  const client = useClient();
  const { form, set, error, starting, start } = useGroupForm(
    { command: '', over: 'ssh', service: '', user: '', password: '' },
    props.onStarted,
  );
  const submit = () =>
    start(requestOf(props.names, form), (request) => client.call('group.exec', request));

  return (
    <Dialog
      title={`Run a command on ${countBoards(props.names.length)}`}
      submitLabel="Run"
      submitDisabled={starting || form['command']?.trim() === ''}
      onSubmit={submit}
      onClose={props.onClose}
      error={error}
    >
      <label>
        Command
        <input
          className="mono"
          value={form['command']}
          onChange={set('command')}
          placeholder="uname -a"
          autoFocus
        />
      </label>
      <label>
        Over
        <select value={form['over']} onChange={set('over')}>
          {Object.entries(overLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {form['over'] === 'container' && (
        <label>
          Service
          <input value={form['service']} onChange={set('service')} placeholder="main" />
        </label>
      )}
      {form['over'] === 'serial' && (
        <>
          <label>
            Login user (if the console asks)
            <input value={form['user']} onChange={set('user')} placeholder="root" />
          </label>
          <label>
            Password
            <input type="password" value={form['password']} onChange={set('password')} />
          </label>
        </>
      )}
      <GroupRunFields form={form} set={set} />
    </Dialog>
  );
}
