// SPDX-License-Identifier: Apache-2.0
// A batch's plans carried out, each service at once beside the others: a rebuild through push,
// the rest in their running containers. A service's failure is its own result; the board going
// away is thrown, so the session keeps the batch.
import type Docker from 'dockerode';
import type { LiveServiceSync } from '../../../shared/contract/live.js';
import { toErrorInfo } from '../../../shared/errors.js';
import type { ServiceSyncPlan } from '../sync-plan.js';
import { applyServicePlan, emptySync, isUnreachable } from './apply-service-plan.js';
import { containerOf, runningContainers } from './service-containers.js';

export interface RunPlansDeps {
  readonly docker: Docker;
  readonly board: string;
  readonly project: string;
  /** Builds the service again and replaces its container (push's rebuild). */
  readonly rebuild: (service: string) => Promise<void>;
  readonly signal?: AbortSignal;
}

const isEmpty = (plan: ServiceSyncPlan): boolean =>
  !plan.rebuild &&
  !plan.restart &&
  plan.mkdir.length + plan.remove.length + plan.copy.length + plan.exec.length === 0;

export async function runPlans(
  deps: RunPlansDeps,
  plans: readonly ServiceSyncPlan[],
): Promise<LiveServiceSync[]> {
  const wanted = plans.filter((plan) => !isEmpty(plan));
  if (wanted.length === 0) return [];
  const inPlace = wanted.some((plan) => !plan.rebuild);
  const containers = inPlace
    ? await runningContainers(deps.docker, deps.project)
    : new Map<string, Docker.Container>();
  return Promise.all(
    wanted.map(async (plan): Promise<LiveServiceSync> => {
      try {
        if (plan.rebuild) {
          await deps.rebuild(plan.service);
          return { ...emptySync(plan.service), rebuilt: true, reasons: [...plan.reasons] };
        }
        const container = containerOf(containers, plan.service, deps.board);
        return await applyServicePlan(deps.docker, container, plan, {
          ...(deps.signal === undefined ? {} : { signal: deps.signal }),
        });
      } catch (error) {
        if (isUnreachable(error) || deps.signal?.aborted === true) throw error;
        return {
          ...emptySync(plan.service),
          reasons: [...plan.reasons],
          error: toErrorInfo(error),
        };
      }
    }),
  );
}
