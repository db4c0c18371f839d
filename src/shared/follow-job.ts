// SPDX-License-Identifier: Apache-2.0
// Following one job to its end, for every face (the CLI's bars, the Flash pane).
import type { ContractClient } from './client.js';
import { isFinished, type Job, type JobRef } from './jobs.js';

/**
 * Starts a job and hands every state of it to `onUpdate` until it ends; resolves with the last.
 * The subscription is keyed by the job's id, so it is made once the id is known: it goes on the
 * wire before `jobs.get`, whose answer covers whatever happened in between (a job update is a
 * whole snapshot, never a delta).
 */
export async function followJob(
  client: ContractClient,
  start: () => Promise<JobRef>,
  onUpdate: (job: Job) => void,
  onStarted?: (jobId: string) => void,
): Promise<Job> {
  const { jobId } = await start();
  onStarted?.(jobId);
  let settle: (job: Job) => void = () => undefined;
  const finished = new Promise<Job>((resolve) => (settle = resolve));
  let ended = false;
  const show = (job: Job): void => {
    if (ended) return;
    onUpdate(job);
    if (isFinished(job)) {
      ended = true;
      settle(job);
    }
  };
  const stop = client.on('job.update', show, { key: jobId });
  try {
    show(await client.call('jobs.get', { jobId }));
    return await finished;
  } finally {
    stop();
  }
}
