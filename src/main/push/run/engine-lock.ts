// SPDX-License-Identifier: Apache-2.0
// One push at a time per board, seen by every Benchtop process (a CLI, `serve`, the app, on
// this machine or another), so the lock lives on the board's engine: a labelled network with
// a fixed name. Why a network: creating one is a single request that needs no image (a
// placeholder container would need one before anything is built), it costs no disk, and with
// CheckDuplicate the engine refuses a second of the same name. CheckDuplicate is a check
// before creating, not a transaction, so after creating we list the networks of that name:
// if two pushes raced, the lower id keeps the lock and the other removes its own and yields.
// A push that dies (SIGKILL, power cut) leaves its network behind: the labels say which host
// and process took it and when, so a lock whose process is gone on this host, or older than
// STALE_AFTER_MS from anywhere, is taken over rather than blocking forever.
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import { engineError, engineStatus } from '../../docker/index.js';
import { isProcessAlive } from '../../host/process-alive.js';

export const LOCK_NETWORK = 'benchtop-push-lock';
/** Longer than any real build and deploy; a lock this old was left by a push that died. */
export const STALE_AFTER_MS = 30 * 60_000;

const labels = {
  lock: 'io.benchtop.push-lock',
  host: 'io.benchtop.push-lock.host',
  pid: 'io.benchtop.push-lock.pid',
  since: 'io.benchtop.push-lock.since',
  project: 'io.benchtop.push-lock.project',
} as const;

interface Holder {
  readonly id: string;
  readonly labels: Record<string, string>;
}

/** Whether a lock was left by a push that can no longer release it. */
export function isStale(lockLabels: Record<string, string>, now = Date.now()): boolean {
  const since = Date.parse(lockLabels[labels.since] ?? '');
  if (!Number.isFinite(since) || now - since > STALE_AFTER_MS) return true;
  const pid = Number(lockLabels[labels.pid]);
  return lockLabels[labels.host] === hostname() && Number.isInteger(pid) && !isProcessAlive(pid);
}

async function holders(docker: Docker): Promise<Holder[]> {
  const found = await docker.listNetworks({ filters: { name: [LOCK_NETWORK] } });
  return found
    .filter((network) => network.Name === LOCK_NETWORK)
    .map((network) => ({ id: network.Id, labels: network.Labels ?? {} }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function busy(board: string, held: Record<string, string>): BenchtopError {
  const project = held[labels.project] ?? 'a project';
  const who = `${held[labels.host] ?? 'another machine'} (process ${held[labels.pid] ?? '?'})`;
  return new BenchtopError(
    'BUSY',
    `Another push (${project}, from ${who}, since ${held[labels.since] ?? 'a while'}) is running on ${board}; wait for it to finish, then push again.`,
  );
}

async function create(docker: Docker, project: string): Promise<string> {
  const network = await docker.createNetwork({
    Name: LOCK_NETWORK,
    CheckDuplicate: true,
    Internal: true,
    Labels: {
      [labels.lock]: 'true',
      [labels.host]: hostname(),
      [labels.pid]: String(process.pid),
      [labels.since]: new Date().toISOString(),
      [labels.project]: project,
    },
  });
  return network.id;
}

async function remove(docker: Docker, id: string): Promise<void> {
  await docker
    .getNetwork(id)
    .remove()
    .catch((error: unknown) => {
      if (engineStatus(error) !== 404) throw error;
    });
}

/** Takes the board's push lock or throws BUSY; resolves to the function that releases it. */
export async function takeEngineLock(
  docker: Docker,
  board: string,
  project: string,
): Promise<() => Promise<void>> {
  try {
    for (const held of await holders(docker)) {
      if (!isStale(held.labels)) throw busy(board, held.labels);
      await remove(docker, held.id);
    }
    let id: string;
    try {
      id = await create(docker, project);
    } catch (error) {
      if (engineStatus(error) !== 409) throw error;
      const [held] = await holders(docker);
      throw busy(board, held?.labels ?? {});
    }
    const [first] = await holders(docker);
    if (first !== undefined && first.id !== id) {
      await remove(docker, id);
      throw busy(board, first.labels);
    }
    return () => remove(docker, id);
  } catch (error) {
    if (error instanceof BenchtopError) throw error;
    throw engineError(error, 'taking the push lock on the board');
  }
}
