// SPDX-License-Identifier: Apache-2.0
import { useCallback, useState } from 'react';
import type { CommandInput } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { followJob } from '../../../shared/follow-job.js';
import type { Job } from '../../../shared/jobs.js';
import { useClient, useKeyedEvent } from '../../client/client-context.js';
import { appendOutput, type PushOutput } from './push-output.js';

export interface PushJob {
  job: Job | undefined;
  jobId: string | undefined;
  output: PushOutput;
  /** push.start refused (bad input, a board busy...). */
  error: string | undefined;
  running: boolean;
  /** Starts a push; `onEnd` gets the job's last state (not called if push.start refused). */
  start: (input: CommandInput<'push.start'>, onEnd: (job: Job) => void) => void;
  cancel: () => void;
}

/** One push at a time from this pane: its job followed to the end, its output by job id. */
export function usePushJob(): PushJob {
  const client = useClient();
  const [jobId, setJobId] = useState<string>();
  const [job, setJob] = useState<Job>();
  const [output, setOutput] = useState<PushOutput>(new Map());
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);

  useKeyedEvent('push.output', jobId, (event) =>
    setOutput((current) => appendOutput(current, event)),
  );

  const start = useCallback(
    (input: CommandInput<'push.start'>, onEnd: (job: Job) => void) => {
      setError(undefined);
      setJob(undefined);
      setJobId(undefined);
      setOutput(new Map());
      setStarting(true);
      void followJob(client, () => client.call('push.start', input), setJob, setJobId)
        .then(onEnd)
        .catch((e: unknown) => setError(describeError(e)))
        .finally(() => setStarting(false));
    },
    [client],
  );
  const cancel = useCallback(() => {
    if (jobId) void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  }, [client, jobId]);

  return {
    job,
    jobId,
    output,
    error,
    running: starting || job?.state === 'running',
    start,
    cancel,
  };
}
