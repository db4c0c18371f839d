// SPDX-License-Identifier: Apache-2.0
// A live sync in words, the same on every face: the CLI's line per sync, the Push pane's
// timeline entries.
import type { LiveServiceSync, LiveSyncEvent } from './contract/live.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "index.html, style.css" or "index.html and 41 more". */
export function describeChanges(event: Pick<LiveSyncEvent, 'changes' | 'changeCount'>): string {
  const [first, second] = event.changes;
  if (first === undefined) return 'no files';
  if (event.changeCount === 1)
    return first.kind.startsWith('unlink') ? `${first.path} deleted` : first.path;
  if (event.changeCount === 2 && second !== undefined) return `${first.path}, ${second.path}`;
  return `${first.path} and ${event.changeCount - 1} more`;
}

/** "frontend: 2 copied, 1 removed, ran `npm run build`, restarted". */
export function describeServiceSync(sync: LiveServiceSync): string {
  const parts: string[] = [];
  if (sync.rebuilt) parts.push(`rebuilt (${sync.reasons.join('; ') || 'its build changed'})`);
  if (sync.created > 0) parts.push(`${plural(sync.created, 'folder')} created`);
  if (sync.copied > 0) parts.push(`${sync.copied} copied`);
  if (sync.removed > 0) parts.push(`${sync.removed} removed`);
  for (const run of sync.ran) {
    parts.push(
      `ran \`${run.command.join(' ')}\`${run.exitCode === 0 ? '' : ` (exit ${run.exitCode})`}`,
    );
  }
  if (sync.restarted) parts.push('restarted');
  if (sync.error !== undefined) parts.push(`FAILED: ${sync.error.message}`);
  return `${sync.service}: ${parts.join(', ') || 'up to date'}`;
}

/** One line per sync: what changed, what each service did, how long it took. */
export function describeSync(event: LiveSyncEvent): string {
  const what =
    event.trigger === 'initial'
      ? 'initial sync'
      : event.trigger === 'resync'
        ? `resync (${describeChanges(event)} waiting)`
        : describeChanges(event);
  const services =
    event.services.length === 0
      ? 'nothing to do'
      : event.services.map(describeServiceSync).join('; ');
  const failed = event.error === undefined ? '' : ` FAILED: ${event.error.message}`;
  return `${what} → ${services}${failed} (${Math.round(event.durationMs)} ms)`;
}

/** The output of the commands that failed, to show under the line. */
export function failedOutput(event: LiveSyncEvent): string[] {
  return event.services.flatMap((sync) =>
    sync.ran
      .filter((run) => run.exitCode !== 0 && run.output.trim() !== '')
      .map((run) => run.output.trimEnd()),
  );
}
