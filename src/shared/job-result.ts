// SPDX-License-Identifier: Apache-2.0
import { commands, type JobCommandName, type JobResult } from './contract/index.js';
import { BenchtopError } from './errors.js';
import { formatZodError } from './format-zod-error.js';
import type { Job } from './jobs.js';

/**
 * The typed result of a finished job, checked against the schema its command declares
 * (`job: ResultSchema` in the contract). A failed or cancelled job throws its own error, except a
 * failed one that kept its result (a group where some boards failed: every board's part is in
 * it); a result that does not fit is a bug in the engine and throws INTERNAL.
 */
export function jobResult<K extends JobCommandName>(name: K, job: Job): JobResult<K> {
  if (job.kind !== name) {
    throw new BenchtopError('INTERNAL', `Job ${job.id} was started by ${job.kind}, not ${name}.`);
  }
  if (job.state === 'failed' && job.result === undefined) {
    throw job.error
      ? BenchtopError.fromInfo(job.error)
      : new BenchtopError('INTERNAL', `The ${name} job failed without saying why.`);
  }
  if (job.state === 'cancelled') {
    throw new BenchtopError('CANCELLED', `The ${name} job was cancelled.`);
  }
  if (job.state === 'running') {
    throw new BenchtopError('INTERNAL', `The ${name} job has no result yet: it is still running.`);
  }
  const schema = commands[name].job;
  if (schema === undefined) {
    throw new BenchtopError('INTERNAL', `${name} declares no job result in the contract.`);
  }
  const parsed = schema.safeParse(job.result);
  if (!parsed.success) {
    throw new BenchtopError(
      'INTERNAL',
      `The ${name} job ended with a result the contract does not allow: ${formatZodError(parsed.error)}`,
    );
  }
  return parsed.data as JobResult<K>;
}
