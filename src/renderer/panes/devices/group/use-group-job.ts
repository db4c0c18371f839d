// SPDX-License-Identifier: Apache-2.0
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { GroupBoardResult } from '../../../../shared/contract/index.js';
import { isFinished, type Job } from '../../../../shared/jobs.js';
import { useClient, useKeyedEvent } from '../../../client/client-context.js';
import { groupRows, summarise, type GroupRow, type GroupSummary } from './group-rows.js';

export interface GroupJob {
  job: Job | undefined;
  rows: GroupRow[];
  summary: GroupSummary;
  cancel: () => void;
}

/** A newer snapshot wins; a finished one is never replaced by a running one that arrived late. */
const later = (current: Job | undefined, next: Job): Job =>
  current && isFinished(current) && !isFinished(next) ? current : next;

/**
 * One group action followed live: its job's updates and a result per board as each ends. Mount
 * it keyed by the job id: a new job starts from nothing.
 */
export function useGroupJob(jobId: string): GroupJob {
  const client = useClient();
  const [job, setJob] = useState<Job>();
  const [heard, setHeard] = useState<ReadonlyMap<string, GroupBoardResult>>(new Map());

  useKeyedEvent('job.update', jobId, (update) => setJob((current) => later(current, update)));
  useKeyedEvent('group.board', jobId, ({ result }) =>
    setHeard((current) => new Map(current).set(result.board, result)),
  );
  useEffect(() => {
    // What happened before the subscriptions were made (the job's tasks cover early results).
    client.call('jobs.get', { jobId }).then(
      (snapshot) => setJob((current) => (current ? later(snapshot, current) : snapshot)),
      () => undefined,
    );
  }, [client, jobId]);

  const rows = useMemo(() => groupRows(job, heard), [job, heard]);
  const summary = useMemo(() => summarise(rows, job), [rows, job]);
  const cancel = useCallback(() => {
    void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  }, [client, jobId]);
  return { job, rows, summary, cancel };
}
