// SPDX-License-Identifier: Apache-2.0
// `benchtop exec`, `restart`, `stop`, `reboot`: starts a group action, prints each board's result
// the moment it ends (a line, or a JSON line), then the summary table; the exit status says
// whether every board succeeded. A group where some boards failed ends failed with its result,
// so its table is printed all the same.
import type { ContractClient } from '../../../shared/client.js';
import type { CommandInput, GroupBoardResult } from '../../../shared/contract/index.js';
import { BenchtopError, describeError } from '../../../shared/errors.js';
import { followJob } from '../../../shared/follow-job.js';
import { jobResult } from '../../../shared/job-result.js';
import { ExitCode } from '../exit-codes.js';
import { keyedFeed } from '../keyed-feed.js';
import { printJson, printTable } from '../output.js';

type GroupCommand = 'group.exec' | 'group.service' | 'group.reboot';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const lastLine = (text: string): string => text.trim().split('\n').at(-1)?.slice(0, 80) ?? '';

function outcome(result: GroupBoardResult): string {
  if (result.ok) return 'ok';
  if (result.error) return `FAILED: ${describeError(result.error).split('\n')[0] ?? ''}`;
  return `FAILED: exit ${result.status}`;
}

export async function runGroupAction<K extends GroupCommand>(
  client: ContractClient,
  name: K,
  request: CommandInput<K>,
  json: boolean,
): Promise<void> {
  const feed = keyedFeed(
    client,
    'group.board',
    (event) => event.jobId,
    ({ result }) => {
      if (json) return printJson({ event: 'group.board', result });
      process.stderr.write(`${result.board}: ${outcome(result)} (${seconds(result.durationMs)})\n`);
    },
  );
  let jobId: string | undefined;
  const cancel = (): void => {
    if (jobId !== undefined) void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };
  process.on('SIGINT', cancel);
  let job;
  try {
    job = await followJob(
      client,
      () => client.call(name, request),
      () => undefined,
      (id) => {
        jobId = id;
        feed.known(id);
      },
    );
  } finally {
    process.off('SIGINT', cancel);
    feed.stop();
  }
  if (job.state === 'cancelled' || job.result === undefined) {
    throw job.error
      ? BenchtopError.fromInfo(job.error)
      : new BenchtopError(
          'CANCELLED',
          'The group was cancelled: boards not reached yet were left as they were.',
        );
  }
  const result = jobResult(name, job);
  if (json) printJson({ event: 'group.done', result });
  else {
    printTable(result.boards, [
      ['BOARD', (b) => b.board],
      ['RESULT', outcome],
      ['EXIT', (b) => (b.status === null ? '-' : String(b.status))],
      ['TIME', (b) => seconds(b.durationMs)],
      ['OUTPUT', (b) => lastLine(b.output)],
    ]);
    process.stdout.write(
      `${result.succeeded} of ${result.boards.length} boards succeeded${
        result.failed > 0
          ? `; failed: ${result.boards
              .filter((b) => !b.ok)
              .map((b) => b.board)
              .join(', ')}`
          : ''
      }.\n`,
    );
  }
  if (result.failed > 0) process.exitCode = ExitCode.failed;
}
