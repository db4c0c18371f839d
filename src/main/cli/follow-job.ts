// SPDX-License-Identifier: Apache-2.0
import type cliProgress from 'cli-progress';
import type { ContractClient } from '../../shared/client.js';
import { formatBytes, formatDuration } from '../../shared/format.js';
import { followJob } from '../../shared/follow-job.js';
import type { Job, JobProgress, JobRef } from '../../shared/jobs.js';
import { printJson } from './output.js';

export interface Row {
  key: string;
  label: string;
  state: Job['state'];
  phase: string;
  progress: JobProgress | undefined;
}

function rowsOf(job: Job): Row[] {
  if (job.tasks.length === 0)
    return [
      {
        key: job.id,
        label: job.title,
        state: job.state,
        phase: job.state === 'running' ? job.phase : job.state,
        progress: job.progress,
      },
    ];
  return job.tasks.map((task) => ({
    key: task.id,
    label: task.label,
    state: task.state,
    phase: task.state === 'running' ? task.phase : task.state,
    progress: task.progress,
  }));
}

/**
 * What one bar shows. A finished part ends full when it succeeded (its last phase may have had
 * no total, which read as "0% succeeded"), and where it stopped otherwise; with no speed or ETA.
 */
export function barOf(row: Row): { value: number; total: number; phase: string; detail: string } {
  const known = row.progress?.total !== undefined && row.progress.total > 0;
  const total = known ? (row.progress?.total ?? 100) : 100;
  const value = known ? Math.min(row.progress?.done ?? 0, total) : 0;
  if (row.state === 'running')
    return { value, total, phase: row.phase, detail: describe(row.progress) };
  if (row.state === 'succeeded') return { value: total, total, phase: 'succeeded', detail: '' };
  return { value, total, phase: row.phase, detail: '' };
}

function describe(progress: JobProgress | undefined): string {
  if (!progress) return '';
  const amount = progress.unit === 'bytes' ? formatBytes : (n: number) => String(n);
  const total = progress.total !== undefined ? ` / ${amount(progress.total)}` : '';
  const speed =
    progress.speed !== undefined && progress.unit === 'bytes'
      ? ` ${formatBytes(progress.speed)}/s`
      : '';
  const eta = progress.eta !== undefined ? ` ETA ${formatDuration(progress.eta)}` : '';
  return `${amount(progress.done)}${total}${speed}${eta}`;
}

/** A bar per card (or one for the job) on a terminal; plain phase lines when piped. */
class JobDisplay {
  private readonly multibar: cliProgress.MultiBar;

  constructor(progress: typeof cliProgress) {
    this.multibar = new progress.MultiBar(
      {
        format: ' {label} |{bar}| {percentage}% {phase} {detail}',
        hideCursor: true,
        clearOnComplete: false,
        stream: process.stderr,
        fps: 10,
      },
      progress.Presets.shades_classic,
    );
  }
  private readonly bars = new Map<string, cliProgress.SingleBar>();
  private readonly lastPhase = new Map<string, string>();
  private readonly tty = process.stderr.isTTY;

  update(job: Job): void {
    for (const row of rowsOf(job)) {
      const { value, total, phase, detail } = barOf(row);
      const payload = { label: row.label.padEnd(14).slice(0, 28), phase, detail };
      if (this.tty) {
        const bar = this.bars.get(row.key) ?? this.multibar.create(total, value, payload);
        this.bars.set(row.key, bar);
        bar.setTotal(total);
        bar.update(value, payload);
      } else if (this.lastPhase.get(row.key) !== row.phase) {
        this.lastPhase.set(row.key, row.phase);
        process.stderr.write(`${row.label}: ${row.phase}\n`);
      }
    }
  }

  stop(): void {
    // The last frame is drawn before the bars stop, so they stay as they ended.
    this.multibar.update();
    this.multibar.stop();
  }
}

/** Starts a job and shows it until it ends; Ctrl-C asks it to cancel rather than leaving it half done. */
export async function followJobOnTerminal(
  client: ContractClient,
  start: () => Promise<JobRef>,
  options: { json: boolean },
): Promise<Job> {
  // cli-progress (and the string-width it loads) only for bars: not for --json.
  const display = options.json ? undefined : new JobDisplay((await import('cli-progress')).default);
  let jobId: string | undefined;
  const onSigint = (): void => {
    if (jobId !== undefined) void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };
  process.on('SIGINT', onSigint);
  try {
    return await followJob(
      client,
      start,
      (job) => {
        if (options.json) printJson({ event: 'job.update', job });
        else display?.update(job);
      },
      (id) => (jobId = id),
    );
  } finally {
    display?.stop();
    process.off('SIGINT', onSigint);
  }
}
