// SPDX-License-Identifier: Apache-2.0
// Group actions: the service behind `group.*`. A group action is one job; each board is one of
// its tasks, and its result goes out as a `group.board` event the moment it has one.
import type {
  CommandArgs,
  GroupBoardResult,
  GroupResult,
  groupCommands,
  InventoryBoard,
} from '../../shared/contract/index.js';
import { BenchtopError, toErrorInfo } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import type { CallContext } from '../contract/handlers.js';
import type { LocalCall } from '../contract/local-call.js';
import type { Service } from '../contract/service.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { runBounded } from './run-bounded.js';
import { runMember } from './run-member.js';
import { selectMembers, type GroupMember } from './select-boards.js';

export interface GroupDeps {
  readonly bus: EventBus;
  readonly jobs: JobRunner;
  readonly call: LocalCall;
}

async function membersOf(
  call: LocalCall,
  selection: CommandArgs<'group.exec'>['boards'],
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

export function createGroupService(deps: GroupDeps): Service<keyof typeof groupCommands> {
  return {
    handlers: {
      'group.exec': async (args, context) => {
        const members = await membersOf(deps.call, args.boards, context);
        const action = `exec ${describeOver(args.over)}: ${args.command}`;
        const title = `Run "${args.command.slice(0, 60)}" on ${members.length} board${members.length === 1 ? '' : 's'} ${describeOver(args.over)}`;
        const job = deps.jobs.start('group.exec', title, async (job): Promise<GroupResult> => {
          const tasks = members.map((member) => job.task(member.name, member.name));
          let done = 0;
          const finished = (index: number, result: GroupBoardResult): GroupBoardResult => {
            const task = tasks[index];
            if (result.ok) task?.succeed();
            else
              task?.fail(
                result.error ?? new BenchtopError('COMMAND_FAILED', `exit status ${result.status}`),
              );
            deps.bus.emit('group.board', { jobId: job.jobId, result });
            job.progress({ done: ++done, total: members.length, unit: 'steps' });
            return result;
          };
          job.phase('running');
          const boards = await runBounded({
            items: members,
            concurrency: args.concurrency,
            signal: job.signal,
            work: async (member, index) => {
              tasks[index]?.phase('running');
              const result = await runMember(deps.call, member, args, {
                ...context,
                signal: job.signal,
              });
              return finished(index, result);
            },
            skipped: (member, index) =>
              finished(index, {
                board: member.name,
                ok: false,
                status: null,
                durationMs: 0,
                output: '',
                error: toErrorInfo(
                  new BenchtopError('CANCELLED', 'Not run: the group was cancelled.'),
                ),
              }),
          });
          const succeeded = boards.filter((b) => b.ok).length;
          return {
            action,
            command: args.command,
            over: args.over,
            boards,
            succeeded,
            failed: boards.length - succeeded,
          };
        });
        return { jobId: job.id };
      },
    },
  };
}
