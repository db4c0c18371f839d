// SPDX-License-Identifier: Apache-2.0
import { GroupRebootRequest } from '../../../../shared/contract/index.js';
import { useClient } from '../../../client/client-context.js';
import { Dialog } from '../../../components/Dialog.js';
import type { GroupActionProps } from './group-actions.js';
import { countBoards, limitsOf, useGroupForm } from './use-group-form.js';

/** "Reboot…": asks once, naming how many boards, then reboots them with the usual limits. */
export function RebootDialog(props: GroupActionProps) {
  const client = useClient();
  const { form, error, starting, start } = useGroupForm({}, props.onStarted);
  const submit = () =>
    start(
      GroupRebootRequest.safeParse({ boards: { names: [...props.names] }, ...limitsOf(form) }),
      (request) => client.call('group.reboot', request),
    );
  return (
    <Dialog
      title={`Reboot ${countBoards(props.names.length)}?`}
      submitLabel="Reboot"
      submitDisabled={starting}
      onSubmit={submit}
      onClose={props.onClose}
      error={error}
    >
      <p>
        Each board reboots through its balena supervisor and is gone from the network for a while. A
        board without a supervisor is left running, and its row says reboot is not available there.
      </p>
    </Dialog>
  );
}
