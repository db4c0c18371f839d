// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import { GroupExecRequest, type GroupOver } from '../../../../shared/contract/index.js';
import { describeError } from '../../../../shared/errors.js';
import { useClient } from '../../../client/client-context.js';
import { Dialog } from '../../../components/Dialog.js';
import type { GroupActionProps } from './group-actions.js';

type Over = GroupOver['kind'];

const overLabels: Record<Over, string> = {
  ssh: 'ssh (host OS)',
  serial: 'serial console',
  container: 'service container',
};

/** The request from the form, checked by the contract's own schema (its words on a mistake). */
function requestOf(names: readonly string[], form: Record<string, string>) {
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
    concurrency: Number(form['concurrency']),
    timeoutMs: Math.round(Number(form['timeout']) * 1000),
    ...login,
  });
}

/** "Run command…": what to run, where on each board, how many at once, how long each may take. */
export function RunCommandDialog(props: GroupActionProps) {
  const client = useClient();
  const [form, setForm] = useState<Record<string, string>>({
    command: '',
    over: 'ssh',
    service: '',
    user: '',
    password: '',
    concurrency: '8',
    timeout: '60',
  });
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const set = (key: string) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  const submit = () => {
    const request = requestOf(props.names, form);
    if (!request.success) {
      const issue = request.error.issues[0];
      setError(`${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'not valid'}`);
      return;
    }
    setError(undefined);
    setStarting(true);
    client.call('group.exec', request.data).then(
      ({ jobId }) => props.onStarted(jobId),
      (e: unknown) => {
        setStarting(false);
        setError(describeError(e));
      },
    );
  };

  const count = props.names.length;
  return (
    <Dialog
      title={`Run a command on ${count} board${count === 1 ? '' : 's'}`}
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
      <label>
        Boards at once
        <input
          type="number"
          min={1}
          max={64}
          value={form['concurrency']}
          onChange={set('concurrency')}
        />
      </label>
      <label>
        Timeout per board (seconds)
        <input type="number" min={1} value={form['timeout']} onChange={set('timeout')} />
      </label>
    </Dialog>
  );
}
