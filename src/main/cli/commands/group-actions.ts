// SPDX-License-Identifier: Apache-2.0
// `benchtop restart|stop SERVICE` and `benchtop reboot` on many boards: the same selection,
// concurrency, per-board results and exit status as `benchtop exec`.
import type { Command } from 'commander';
import { addGroupOptions, groupRunOf, type GroupFlags } from '../group/group-options.js';
import { withConnection } from '../run-action.js';

interface ServiceFlags extends GroupFlags {
  project?: string;
}

function registerServiceAction(program: Command, action: 'restart' | 'stop'): void {
  addGroupOptions(
    program
      .command(action)
      .description(
        `${action === 'restart' ? 'Restart' : 'Stop'} a pushed service on many boards at once: a result per board, then a summary. Exits 0 only when every board succeeded.`,
      )
      .argument('<service>', 'the service’s name, as in the project’s docker-compose.yml'),
    60,
  )
    .option('--project <name>', 'the pushed project it belongs to (when a board has several)')
    .addHelpText('after', `\nExample:\n  benchtop ${action} --boards "crate=2" daq`)
    .action((service: string, flags: ServiceFlags) =>
      withConnection({ attach: true, ...flags }, async ({ client }) => {
        const { runGroupAction } = await import('../group/run-group.js');
        const request = {
          ...groupRunOf(flags),
          service,
          action,
          ...(flags.project === undefined ? {} : { project: flags.project }),
        };
        await runGroupAction(client, 'group.service', request, flags.json ?? false);
      }),
    );
}

export function registerGroupActions(program: Command): void {
  registerServiceAction(program, 'restart');
  registerServiceAction(program, 'stop');
  addGroupOptions(
    program
      .command('reboot')
      .description(
        'Reboot many boards through their balena supervisors (port 48484); a board without one fails alone and says so. Exits 0 only when every board is rebooting.',
      ),
    30,
  )
    .addHelpText('after', '\nExample:\n  benchtop reboot --boards "crate=2 online"')
    .action((flags: GroupFlags) =>
      withConnection({ attach: true, ...flags }, async ({ client }) => {
        const { runGroupAction } = await import('../group/run-group.js');
        await runGroupAction(client, 'group.reboot', groupRunOf(flags), flags.json ?? false);
      }),
    );
}
