// SPDX-License-Identifier: Apache-2.0
import type { Job, JobTask } from '../../../shared/jobs.js';

function taskPercent(task: JobTask): number | undefined {
  if (task.state === 'succeeded') return 100;
  const progress = task.progress;
  if (progress?.total === undefined || progress.total <= 0) return undefined;
  return Math.min(100, (progress.done / progress.total) * 100);
}

/** One line for a running flash: its phase and the cards' mean progress in that phase. */
export function jobSummary(job: Job): string {
  const known = job.tasks.map(taskPercent).filter((p): p is number => p !== undefined);
  const percent =
    known.length > 0 ? ` ${Math.round(known.reduce((a, b) => a + b, 0) / known.length)}%` : '';
  const cards = job.tasks.length;
  const failed = job.tasks.filter((task) => task.state === 'failed').length;
  return `Flashing ${cards} card${cards === 1 ? '' : 's'}: ${job.phase}${percent}${failed > 0 ? ` (${failed} failed)` : ''}`;
}
