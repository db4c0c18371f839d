// SPDX-License-Identifier: Apache-2.0
// `benchtop push`: the summary, the job with its output by service, the result table; then live
// sync (unless --nolive) and the logs until Ctrl-C or SIGTERM, or return at once with --detached.
import type { ContractClient } from '../../../shared/client.js';
import type { PushResult } from '../../../shared/contract/push.js';
import { BenchtopError } from '../../../shared/errors.js';
import { followJob } from '../../../shared/follow-job.js';
import { jobResult } from '../../../shared/job-result.js';
import type { Job } from '../../../shared/jobs.js';
import { exitCodeFor } from '../exit-codes.js';
import { printJson, printTable } from '../output.js';
import { keyedFeed } from '../keyed-feed.js';
import { startLiveSync } from './live-sync.js';
import { PrefixPrinter } from './log-printer.js';
import { printSummary } from './print-summary.js';
import { followLogs } from './show-logs.js';

export interface PushOptions {
  readonly boards: readonly string[];
  readonly source: string;
  readonly services: readonly string[];
  readonly env: readonly string[];
  readonly buildArgs: readonly string[];
  readonly nocache: boolean;
  readonly multiDockerignore: boolean;
  readonly deviceType?: string;
  readonly live: boolean;
  readonly detached: boolean;
  readonly json: boolean;
}

/** Phase changes of each board, on stderr: stdout carries the build output. */
function phasePrinter(json: boolean): (job: Job) => void {
  const last = new Map<string, string>();
  return (job) => {
    if (json) return printJson({ event: 'job.update', job });
    for (const task of job.tasks) {
      const phase = task.state === 'running' ? task.phase : task.state;
      if (last.get(task.id) === phase) continue;
      last.set(task.id, phase);
      process.stderr.write(`${task.label}: ${phase}\n`);
    }
  };
}

async function runJob(client: ContractClient, options: PushOptions): Promise<Job> {
  const printer = new PrefixPrinter();
  const several = options.boards.length > 1;
  const output = keyedFeed(
    client,
    'push.output',
    (line) => line.jobId,
    (line) => {
      if (options.json) return printJson({ event: 'push.output', ...line });
      const who = line.service ?? (line.kind === 'deploy' ? 'deploy' : 'push');
      printer.line(several ? `${line.board} ${who}` : who, line.line);
    },
  );
  let jobId: string | undefined;
  const cancel = (): void => {
    if (jobId !== undefined) void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  try {
    return await followJob(
      client,
      () =>
        client.call('push.start', {
          boards: [...options.boards],
          source: options.source,
          services: [...options.services],
          env: [...options.env],
          buildArgs: [...options.buildArgs],
          nocache: options.nocache,
          multiDockerignore: options.multiDockerignore,
          ...(options.deviceType === undefined ? {} : { deviceType: options.deviceType }),
          live: options.live && !options.detached,
        }),
      phasePrinter(options.json),
      (id) => {
        jobId = id;
        output.known(id);
      },
    );
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    output.stop();
  }
}

function printResult(result: PushResult, json: boolean): void {
  if (json) return printJson({ result });
  printTable(result.boards, [
    ['BOARD', (b) => b.board],
    ['ADDRESS', (b) => b.address ?? ''],
    ['RUN BY', (b) => b.runPath ?? ''],
    ['RELEASE', (b) => b.release ?? '-'],
    ['RESULT', (b) => (b.error ? `FAILED: ${b.error.message}` : 'ok')],
    ['SERVICES', (b) => b.services.map((s) => `${s.name} (${s.outcome})`).join(', ')],
  ]);
}

export async function runPushCommand(client: ContractClient, options: PushOptions): Promise<void> {
  const summary = await client.call('push.inspect', {
    source: options.source,
    board: options.boards[0],
    multiDockerignore: options.multiDockerignore,
    ...(options.deviceType === undefined ? {} : { deviceType: options.deviceType }),
  });
  if (options.json) printJson({ summary });
  else printSummary(summary);

  const job = await runJob(client, options);
  if (job.state !== 'succeeded') {
    throw job.error
      ? BenchtopError.fromInfo(job.error)
      : new BenchtopError('CANCELLED', 'The push was cancelled; the previous release still runs.');
  }
  const result = jobResult('push.start', job);
  printResult(result, options.json);
  const failed = result.boards.find((board) => board.error !== undefined);
  if (failed?.error !== undefined) process.exitCode = exitCodeFor(failed.error.code);
  const running = result.boards.filter((board) => board.state === 'succeeded');
  if (options.detached || running.length === 0) return;
  const say = (text: string): boolean => process.stderr.write(`${text}\n`);
  const live = options.live
    ? await startLiveSync(client, { ...options, boards: running.map((board) => board.board) })
    : undefined;
  say(
    live === undefined
      ? 'Following logs (Ctrl-C to stop).'
      : 'Live sync: watching the project; each change goes to the board. Following logs (Ctrl-C to stop).',
  );
  try {
    await followLogs(
      client,
      running.map((board) => ({
        board: board.board,
        project: result.project,
        services: options.services,
        systemOnly: false,
        tail: 100,
        json: options.json,
      })),
    );
  } finally {
    await live?.stop();
  }
}
