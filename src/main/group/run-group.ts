// SPDX-License-Identifier: Apache-2.0
// The one runner behind every group action (exec, service, reboot): a job whose tasks are the
// boards, run a few at a time, each board's result sent as a `group.board` event the moment it
// has one, and all of them returned as the job's GroupResult. An action only says what to do on
// one board. A group where any board failed ends failed, its result still holding every board.
import type { GroupBoardResult, GroupResult } from '../../shared/contract/index.js';
import { hints } from '../../shared/error-hints.js';
import { BenchtopError, toErrorInfo } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import type { CallContext } from '../contract/handlers.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { runBounded } from './run-bounded.js';
import { runMember, type MemberWork } from './run-member.js';
import type { GroupMember } from './select-boards.js';

export interface GroupRun {
  readonly kind: 'group.exec' | 'group.service' | 'group.reboot';
  /** "Restart daq", "Reboot", `Run "uname -a"`: the job's title starts with it. */
  readonly doing: string;
  readonly members: readonly GroupMember[];
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** What the result says was done, beside each board's part. */
  readonly summary: Pick<GroupResult, 'action' | 'command' | 'over'>;
  readonly work: MemberWork;
}

const cancelled = (member: GroupMember): GroupBoardResult => ({
  board: member.name,
  ok: false,
  status: null,
  durationMs: 0,
  output: '',
  error: toErrorInfo(new BenchtopError('CANCELLED', 'Not run: the group was cancelled.')),
});

/** Why the group as a whole failed: which boards did (each one's result says why). */
function someFailed(failed: readonly GroupBoardResult[], total: number): BenchtopError {
  const named = failed.slice(0, 10).map((board) => board.board);
  const more = failed.length > named.length ? ` and ${failed.length - named.length} more` : '';
  return BenchtopError.withHint(
    'COMMAND_FAILED',
    `${failed.length} of ${total} board${total === 1 ? '' : 's'} failed: ${named.join(', ')}${more}.`,
    hints.someBoardsFailed,
  );
}

export function startGroup(
  deps: { readonly bus: EventBus; readonly jobs: JobRunner },
  run: GroupRun,
  context: CallContext,
): { jobId: string } {
  const { members } = run;
  const title = `${run.doing} on ${members.length} board${members.length === 1 ? '' : 's'}`;
  const job = deps.jobs.start(
    run.kind,
    title,
    async (job): Promise<GroupResult> => {
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
        concurrency: run.concurrency,
        signal: job.signal,
        work: async (member, index) => {
          tasks[index]?.phase('running');
          const memberContext = { ...context, signal: job.signal, groupJob: job.jobId };
          return finished(index, await runMember(member, run.timeoutMs, memberContext, run.work));
        },
        skipped: (member, index) => finished(index, cancelled(member)),
      });
      const failed = boards.filter((b) => !b.ok);
      if (failed.length > 0) job.failWithResult(someFailed(failed, boards.length));
      return {
        ...run.summary,
        boards,
        succeeded: boards.length - failed.length,
        failed: failed.length,
      };
    },
    context.caller.user,
  );
  return { jobId: job.id };
}
