// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { Job } from '../../shared/jobs.js';
import { useClient, useEvent } from '../client/client-context.js';

/** Every job main knows of, kept current by job events; views only read it. */
export function useJobs(): Job[] {
  const client = useClient();
  const [jobs, setJobs] = useState<Map<string, Job>>(new Map());
  useEffect(() => {
    client.call('jobs.list', {}).then(
      (list) =>
        setJobs((current) => new Map([...list.map((job) => [job.id, job] as const), ...current])),
      () => undefined,
    );
  }, [client]);
  useEvent('job.update', (job) => setJobs((current) => new Map(current).set(job.id, job)));
  return [...jobs.values()];
}
