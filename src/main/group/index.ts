// SPDX-License-Identifier: Apache-2.0
// Group actions: the service behind `group.*`. Every action is one job through the same runner
// (run-group.ts); each board is one of its tasks, and its result goes out as a `group.board`
// event the moment it has one.
import type {
  CommandArgs,
  groupCommands,
  GroupSelection,
  InventoryBoard,
} from '../../shared/contract/index.js';
import type { EventBus } from '../contract/event-bus.js';
import type { CallContext } from '../contract/handlers.js';
import type { LocalCall } from '../contract/local-call.js';
import type { Service } from '../contract/service.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { execWork, rebootWork, serviceWork } from './actions.js';
import { startGroup } from './run-group.js';
import { selectMembers, type GroupMember } from './select-boards.js';

export interface GroupDeps {
  readonly bus: EventBus;
  readonly jobs: JobRunner;
  readonly call: LocalCall;
}

async function membersOf(
  call: LocalCall,
  selection: CommandArgs<'group.select'>['boards'],
  context: CallContext,
): Promise<GroupMember[]> {
  const filter = selection.filter ?? '';
  const matched = filter === '' ? [] : await call('inventory.boards', { filter }, context);
  const named = await Promise.all(
    (selection.names ?? []).map(async (name): Promise<InventoryBoard | string> => {
      try {
        return (await call('inventory.board', { name }, context)).board;
      } catch {
        // Not in the inventory (or the inventory cannot be read): the name goes as typed.
        return name;
      }
    }),
  );
  return selectMembers(selection.filter, matched, named);
}

const describeOver = (over: CommandArgs<'group.exec'>['over']): string =>
  over.kind === 'container' ? `in ${over.service}` : `over ${over.kind}`;

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function createGroupService(deps: GroupDeps): Service<keyof typeof groupCommands> {
  const run = { bus: deps.bus, jobs: deps.jobs };
  const common = async (
    args: { boards: GroupSelection; concurrency: number; timeoutMs: number },
    context: CallContext,
  ) => ({
    members: await membersOf(deps.call, args.boards, context),
    concurrency: args.concurrency,
    timeoutMs: args.timeoutMs,
  });
  return {
    handlers: {
      'group.exec': async (args, context) =>
        startGroup(
          run,
          {
            ...(await common(args, context)),
            kind: 'group.exec',
            doing: `Run "${args.command.slice(0, 60)}" ${describeOver(args.over)}`,
            summary: { action: 'exec', command: args.command, over: args.over },
            work: execWork(deps.call, args),
          },
          context,
        ),
      'group.service': async (args, context) => {
        const command = `${args.action} ${args.service}`;
        return startGroup(
          run,
          {
            ...(await common(args, context)),
            kind: 'group.service',
            doing: capital(command),
            summary: { action: 'service', command },
            work: serviceWork(deps.call, args),
          },
          context,
        );
      },
      'group.reboot': async (args, context) =>
        startGroup(
          run,
          {
            ...(await common(args, context)),
            kind: 'group.reboot',
            doing: 'Reboot',
            summary: { action: 'reboot', command: 'reboot' },
            work: rebootWork(deps.call),
          },
          context,
        ),
      'group.select': async ({ boards }, context) => {
        const members = await membersOf(deps.call, boards, context);
        return { names: members.map((member) => member.name), members };
      },
    },
  };
}
