// SPDX-License-Identifier: Apache-2.0
// The board came back: what changed during the session is compared with what its containers
// hold now, not assumed. Every path touched since the session began is planned again from what
// is on disk now; copies whose content the container already has (same MD5) are dropped, and
// removals of what is not there. A service's commands and restart run when something of it
// differed, or when changes were still waiting (their commands may never have run). Paths that
// call for a rebuild rebuild their service; push reuses an image built from the same inputs.
import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import type { LiveServiceSync } from '../../../shared/contract/live.js';
import type { FileChange, LiveRules, ServiceSyncPlan } from '../sync-plan.js';
import { execInContainer } from './container-exec.js';
import { runningContainers } from './service-containers.js';

export interface ResyncInput {
  readonly rules: LiveRules;
  readonly root: string;
  /** Every path changed since the session began, with its last event. */
  readonly touched: ReadonlyMap<string, FileChange['kind']>;
  /** The paths never synced (changed while away, or in the batch the board left during). */
  readonly pending: ReadonlySet<string>;
}

/** Each touched path as it is now: there (changed) or gone. */
async function asNow(root: string, file: string, last: FileChange['kind']): Promise<FileChange> {
  const stats = await lstat(path.join(root, file)).catch(() => undefined);
  if (stats === undefined)
    return { path: file, kind: last === 'unlinkDir' ? 'unlinkDir' : 'unlink' };
  return { path: file, kind: stats.isDirectory() ? 'addDir' : 'change' };
}

export interface ResyncTarget {
  readonly docker: Docker;
  readonly project: string;
  readonly signal?: AbortSignal;
}

/** Rebuilds first (a new container is what the copies are compared with), then the rest. */
export async function resync(
  input: ResyncInput & ResyncTarget,
  run: (plans: readonly ServiceSyncPlan[]) => Promise<LiveServiceSync[]>,
): Promise<LiveServiceSync[]> {
  const { rebuild, plans, pendingServices } = await resyncPlans(input);
  const rebuilt = await run(
    [...rebuild].map((service) => ({
      service,
      rebuild: true,
      reasons: ['changed while the board was away'],
      mkdir: [],
      remove: [],
      copy: [],
      exec: [],
      restart: false,
    })),
  );
  const reduced = await Promise.all(
    plans.map((plan) =>
      reduceToDifferences(
        input.docker,
        input.project,
        plan,
        pendingServices.has(plan.service),
        input.signal,
      ),
    ),
  );
  return [...rebuilt, ...(await run(reduced))];
}

/** The services to rebuild, and the in-place plans, for what changed. */
async function resyncPlans(input: ResyncInput): Promise<{
  rebuild: Set<string>;
  plans: ServiceSyncPlan[];
  pendingServices: Set<string>;
}> {
  const changes = await Promise.all(
    [...input.touched].map(([file, kind]) => asNow(input.root, file, kind)),
  );
  const rebuild = new Set<string>();
  const inPlace: FileChange[] = [];
  for (const change of changes) {
    const plans = input.rules.plan([change]);
    const rebuilt = plans.filter((plan) => plan.rebuild);
    rebuilt.forEach((plan) => rebuild.add(plan.service));
    if (rebuilt.length === 0) inPlace.push(change);
  }
  const pendingServices = new Set(
    input.rules
      .plan(inPlace.filter((change) => input.pending.has(change.path)))
      .map((plan) => plan.service),
  );
  return { rebuild, plans: [...input.rules.plan(inPlace)], pendingServices };
}

const md5 = (content: Buffer): string => createHash('md5').update(content).digest('hex');

/** MD5 of each path in the container (absent when missing); undefined when md5sum cannot run. */
async function containerSums(
  docker: Docker,
  container: Docker.Container,
  paths: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, string> | undefined> {
  if (paths.length === 0) return new Map();
  const outcome = await execInContainer(docker, container, {
    command: ['md5sum', ...paths],
    signal,
  });
  // 127/126: no md5sum in this image; compare nothing and copy everything.
  if (outcome.exitCode === 127 || outcome.exitCode === 126) return undefined;
  const sums = new Map<string, string>();
  for (const line of outcome.output.split('\n')) {
    const match = /^([0-9a-f]{32}) [ *](.+)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) sums.set(match[2], match[1]);
  }
  return sums;
}

/** Which of `paths` exist in the container; undefined when sh cannot run there. */
async function existing(
  docker: Docker,
  container: Docker.Container,
  paths: readonly string[],
  signal?: AbortSignal,
): Promise<Set<string> | undefined> {
  if (paths.length === 0) return new Set();
  const script = 'for p; do if [ -e "$p" ] || [ -L "$p" ]; then echo "$p"; fi; done';
  const outcome = await execInContainer(docker, container, {
    command: ['sh', '-c', script, 'sh', ...paths],
    signal,
  });
  if (outcome.exitCode !== 0) return undefined;
  return new Set(outcome.output.split('\n').filter((line) => line !== ''));
}

/** `plan` reduced to what differs from the container; empty when it already holds it all. */
async function reduceToDifferences(
  docker: Docker,
  project: string,
  plan: ServiceSyncPlan,
  keepCommands: boolean,
  signal?: AbortSignal,
): Promise<ServiceSyncPlan> {
  const container = (await runningContainers(docker, project)).get(plan.service);
  // No running container: leave the plan whole, its error will say so.
  if (container === undefined) return plan;
  const sums = await containerSums(
    docker,
    container,
    plan.copy.map((entry) => entry.to),
    signal,
  );
  const copy = [];
  for (const entry of plan.copy) {
    const local = await readFile(entry.from).catch(() => undefined);
    if (local === undefined) continue;
    if (sums?.get(entry.to) !== md5(local)) copy.push(entry);
  }
  const there = await existing(docker, container, plan.remove, signal);
  const remove = plan.remove.filter((target) => there === undefined || there.has(target));
  const differs = copy.length + remove.length > 0;
  const runAgain = differs || keepCommands;
  return {
    ...plan,
    copy,
    remove,
    mkdir: differs ? plan.mkdir : [],
    exec: runAgain ? plan.exec : [],
    restart: runAgain && plan.restart,
  };
}
