// SPDX-License-Identifier: Apache-2.0
import { PushResult } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import type { Job, JobTask } from '../../../shared/jobs.js';
import { BuildOutput } from './BuildOutput.js';
import { PushBoardResultView } from './PushBoardResultView.js';
import { groupsByBoard, type PushOutput } from './push-output.js';

/** The job's result when it carries one: a push that failed on some boards still says which. */
export function pushResultOf(job: Job | undefined): PushResult | undefined {
  if (!job || job.result === undefined) return undefined;
  const parsed = PushResult.safeParse(job.result);
  return parsed.success ? parsed.data : undefined;
}

/** A board's part while there is no result yet, or when the whole push failed without one. */
function TaskState({ task }: { task: JobTask | undefined }) {
  if (!task) return null;
  return (
    <div data-testid="board-task" data-state={task.state}>
      <span className="muted">{task.state === 'running' ? task.phase : task.state}</span>
      {task.error && (
        <p className="push-error" role="alert">
          {describeError(task.error)}
        </p>
      )}
    </div>
  );
}

function stateText(job: Job | undefined): string {
  if (!job) return 'Starting the push…';
  if (job.state === 'running') return `Pushing: ${job.phase}`;
  return `Push ${job.state}`;
}

/** A push as it goes: per board, each service's build output, then the board's result. */
export function PushRun(props: {
  job: Job | undefined;
  boards: string[];
  output: PushOutput;
  onCancel: () => void;
}) {
  const { job } = props;
  const result = pushResultOf(job);
  const byBoard = groupsByBoard(props.output);
  const boards = [...new Set([...props.boards, ...byBoard.keys()])];
  const running = !job || job.state === 'running';
  return (
    <section className="push-run" aria-label="Push progress" aria-busy={running}>
      <div className="push-row" aria-live="polite">
        <strong data-testid="push-state" data-state={job?.state ?? 'starting'}>
          {stateText(job)}
        </strong>
        {job?.state === 'running' && (
          <button type="button" onClick={props.onCancel}>
            Cancel push
          </button>
        )}
      </div>
      {job?.error && job.state !== 'cancelled' && !job.tasks.some((t) => t.error) && (
        <p className="push-error" role="alert">
          {describeError(job.error)}
        </p>
      )}
      {boards.map((board) => {
        const boardResult = result?.boards.find((b) => b.board === board);
        return (
          <div key={board} className="push-board" data-testid="push-board" data-board={board}>
            <h4 className="mono">{board}</h4>
            {(byBoard.get(board) ?? []).map((group) => (
              <BuildOutput
                key={group.service ?? ''}
                group={group}
                open={running || boardResult?.state === 'failed'}
              />
            ))}
            {boardResult && <PushBoardResultView result={boardResult} />}
            {!boardResult && <TaskState task={job?.tasks.find((t) => t.label === board)} />}
          </div>
        );
      })}
    </section>
  );
}
