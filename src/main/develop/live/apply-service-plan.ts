// SPDX-License-Identifier: Apache-2.0
// One service's plan carried out in its running container, in the seam's order: make folders,
// remove, copy (one tar), run, restart. A command that fails stops the plan there (what follows
// may depend on it) and its output goes back with the result. Rebuilds are not done here.
import type Docker from 'dockerode';
import type { LiveCommandRun, LiveServiceSync } from '../../../shared/contract/live.js';
import { BenchtopError, toErrorInfo } from '../../../shared/errors.js';
import { engineError } from '../../docker/index.js';
import type { ServiceSyncPlan } from '../sync-plan.js';
import { execInContainer } from './container-exec.js';
import { createCopyArchive } from './copy-archive.js';

/** Seconds a restart waits for the process to stop before killing it. */
const RESTART_WAIT_S = 5;

export interface ApplyOptions {
  readonly signal?: AbortSignal;
}

export const emptySync = (service: string): LiveServiceSync => ({
  service,
  rebuilt: false,
  reasons: [],
  copied: 0,
  removed: 0,
  created: 0,
  ran: [],
  restarted: false,
});

/** dockerode passes abortSignal on to the request; its types leave it out of most options. */
const abortOf = (options: ApplyOptions): object =>
  options.signal === undefined ? {} : { abortSignal: options.signal };

/** Runs a step of our own (mkdir, rm); a failure is an error with its output. */
async function runOwn(
  docker: Docker,
  container: Docker.Container,
  command: readonly string[],
  what: string,
  options: ApplyOptions,
): Promise<void> {
  const outcome = await execInContainer(docker, container, { command, signal: options.signal });
  if (outcome.exitCode !== 0) {
    throw new BenchtopError(
      'DOCKER_FAILED',
      `${what} failed in the container (exit ${outcome.exitCode}).`,
      outcome.output.trim() || undefined,
    );
  }
}

export async function applyServicePlan(
  docker: Docker,
  container: Docker.Container,
  plan: ServiceSyncPlan,
  options: ApplyOptions = {},
): Promise<LiveServiceSync> {
  const result = { ...emptySync(plan.service), reasons: [...plan.reasons] };
  const ran: LiveCommandRun[] = [];
  const step = async (what: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      throw error instanceof BenchtopError ? error : engineError(error, what);
    }
  };
  try {
    if (plan.mkdir.length > 0) {
      await step('creating folders', () =>
        runOwn(
          docker,
          container,
          ['mkdir', '-p', '--', ...plan.mkdir],
          'Creating folders',
          options,
        ),
      );
      result.created = plan.mkdir.length;
    }
    if (plan.remove.length > 0) {
      await step('removing files', () =>
        runOwn(docker, container, ['rm', '-rf', '--', ...plan.remove], 'Removing files', options),
      );
      result.removed = plan.remove.length;
    }
    if (plan.copy.length > 0) {
      await step('copying files', async () => {
        const archive = await createCopyArchive(plan.copy);
        if (archive.copied === 0) return;
        // The engine answers once the tar is extracted.
        await container.putArchive(archive.tar, { path: '/', ...abortOf(options) });
        result.copied = archive.copied;
      });
    }
    for (const command of plan.exec) {
      await step(`running ${command.command.join(' ')}`, async () => {
        const outcome = await execInContainer(docker, container, {
          ...command,
          signal: options.signal,
        });
        ran.push({ command: [...command.command], ...outcome });
        if (outcome.exitCode !== 0) {
          throw new BenchtopError(
            'DOCKER_FAILED',
            `${plan.service}: \`${command.command.join(' ')}\` exited with ${outcome.exitCode}.`,
            outcome.output.trim() || undefined,
          );
        }
      });
    }
    if (plan.restart) {
      await step('restarting the container', () =>
        container.restart({ t: RESTART_WAIT_S, ...abortOf(options) }),
      );
      result.restarted = true;
    }
    return { ...result, ran };
  } catch (error) {
    if (isUnreachable(error)) throw error;
    return { ...result, ran, error: toErrorInfo(error) };
  }
}

/** The board is away: the session keeps the batch for when it is back, not an error of the plan. */
export function isUnreachable(error: unknown): boolean {
  const code = toErrorInfo(error).code;
  return code === 'UNREACHABLE' || code === 'TIMEOUT';
}
