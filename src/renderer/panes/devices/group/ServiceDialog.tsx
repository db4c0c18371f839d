// SPDX-License-Identifier: Apache-2.0
import type { ComponentType } from 'react';
import { GroupServiceRequest } from '../../../../shared/contract/index.js';
import { useClient } from '../../../client/client-context.js';
import { Dialog } from '../../../components/Dialog.js';
import type { GroupActionProps } from './group-actions.js';
import { GroupRunFields } from './GroupRunFields.js';
import { countBoards, limitsOf, useGroupForm } from './use-group-form.js';

type ServiceAction = 'restart' | 'stop';

const verb: Record<ServiceAction, string> = { restart: 'Restart', stop: 'Stop' };

/** "Restart service…", "Stop service…": which pushed service, how many boards at once. */
function ServiceDialog(props: GroupActionProps & { action: ServiceAction }) {
  const client = useClient();
  const { form, set, error, starting, start } = useGroupForm(
    { service: '', project: '' },
    props.onStarted,
  );
  const submit = () => {
    const project = form['project']?.trim() ?? '';
    const request = GroupServiceRequest.safeParse({
      boards: { names: [...props.names] },
      service: form['service'] ?? '',
      action: props.action,
      ...(project === '' ? {} : { project }),
      ...limitsOf(form),
    });
    start(request, (data) => client.call('group.service', data));
  };
  return (
    <Dialog
      title={`${verb[props.action]} a service on ${countBoards(props.names.length)}`}
      submitLabel={verb[props.action]}
      submitDisabled={starting || form['service']?.trim() === ''}
      onSubmit={submit}
      onClose={props.onClose}
      error={error}
    >
      <label>
        Service
        <input value={form['service']} onChange={set('service')} placeholder="main" autoFocus />
      </label>
      <label>
        Project (only when the service is in several)
        <input value={form['project']} onChange={set('project')} />
      </label>
      <GroupRunFields form={form} set={set} />
    </Dialog>
  );
}

/** The dialog for one service action, as the action bar's list takes it. */
export const serviceDialog = (action: ServiceAction): ComponentType<GroupActionProps> =>
  function ServiceActionDialog(props: GroupActionProps) {
    return <ServiceDialog {...props} action={action} />;
  };
