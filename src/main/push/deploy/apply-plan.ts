// SPDX-License-Identifier: Apache-2.0
// Carries a plan out on the engine, one action at a time, and when one fails puts the previous
// release back (rollback.ts): the containers this push created are removed, the old ones it
// stopped are started again where they still exist, and the error says which.
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import { pushLabels } from '../composition.js';
import { awaitHandover } from './await-handover.js';
import type { ContainerSpec } from './container-spec.js';
import { engineError, engineStatus } from '../../docker/index.js';
import { containerName } from './names.js';
import type { Action, CurrentContainer } from './plan.js';
import { rollback } from './rollback.js';

export interface ReadySpec {
  readonly spec: ContainerSpec;
  readonly configHash: string;
}

export interface ApplyContext {
  readonly docker: Docker;
  readonly project: string;
  readonly specs: ReadonlyMap<string, ReadySpec>;
  /** Containers running before the push, for `network_mode: service:x` of unchanged services. */
  readonly current: readonly CurrentContainer[];
  /** One line per action, for the push's progress. */
  readonly onStep?: (text: string) => void;
}

function specOf(context: ApplyContext, service: string): ReadySpec {
  const ready = context.specs.get(service);
  if (ready === undefined) throw new BenchtopError('INTERNAL', `No container spec for ${service}.`);
  return ready;
}

class Executor {
  readonly created = new Map<string, string>();

  constructor(private readonly context: ApplyContext) {}

  private get docker(): Docker {
    return this.context.docker;
  }

  private newContainer(service: string): Docker.Container {
    const id = this.created.get(service);
    if (id === undefined) throw new BenchtopError('INTERNAL', `${service} was not created yet.`);
    return this.docker.getContainer(id);
  }

  /** `network_mode: service:x` needs the id of x's container: the new one, else the running one. */
  private networkMode(spec: ContainerSpec): string | undefined {
    const other = spec.networkModeService;
    if (other === undefined) return spec.create.HostConfig?.NetworkMode;
    const id =
      this.created.get(other) ??
      this.context.current.find((c) => c.service === other && c.running)?.id;
    if (id === undefined) {
      throw new BenchtopError(
        'INVALID_CONFIG',
        `Service ${spec.service} shares the network of ${other}, which is not running.`,
      );
    }
    return `container:${id}`;
  }

  async create(service: string): Promise<void> {
    const { spec, configHash } = specOf(this.context, service);
    const name = containerName(this.context.project, service, configHash);
    const container = await this.docker.createContainer({
      ...spec.create,
      name,
      Labels: { ...spec.create.Labels, [pushLabels.configHash]: configHash },
      HostConfig: { ...spec.create.HostConfig, NetworkMode: this.networkMode(spec) },
    });
    this.created.set(service, container.id);
    // API 1.41 joins one network at create time; the rest before the first start.
    for (const join of spec.networks.slice(1)) {
      await this.docker.getNetwork(join.network).connect({
        Container: container.id,
        EndpointConfig: { Aliases: [...join.aliases] },
      });
    }
  }

  async run(action: Action): Promise<void> {
    switch (action.kind) {
      case 'create':
        return this.create(action.service);
      case 'start-new':
        await this.newContainer(action.service).start();
        return;
      case 'await-handover': {
        const outcome = await awaitHandover(
          this.docker,
          this.newContainer(action.service).id,
          action.timeoutMs,
        );
        this.context.onStep?.(
          outcome === 'complete'
            ? `${action.service}: the new container signalled handover-complete`
            : `${action.service}: no handover-complete after ${action.timeoutMs} ms; stopping the old container anyway`,
        );
        return;
      }
      case 'start-old':
        await this.docker.getContainer(action.container.id).start();
        return;
      case 'stop-old':
        await ignoreGone(() => this.docker.getContainer(action.container.id).stop());
        return;
      case 'remove-old':
        await ignoreGone(() =>
          this.docker.getContainer(action.container.id).remove({ force: true }),
        );
        return;
      case 'remove-image':
        // Another container or tag may still use it: that is no reason to fail the push.
        await this.docker
          .getImage(action.imageId)
          .remove()
          .catch(() => undefined);
        return;
    }
  }
}

/** 304 (already stopped) and 404 (already gone) are what the action wanted anyway. */
async function ignoreGone(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    const status = engineStatus(error);
    if (status !== 304 && status !== 404) throw error;
  }
}

export function describeAction(action: Action): string {
  const target = 'container' in action ? ` ${action.container.name}` : '';
  return `${action.service}: ${action.kind}${target}`;
}

/** Applies `actions`; on failure rolls back and throws one error that says what was restored. */
export async function applyPlan(
  context: ApplyContext,
  actions: readonly Action[],
): Promise<Map<string, string>> {
  const executor = new Executor(context);
  const done: Action[] = [];
  for (const action of actions) {
    context.onStep?.(describeAction(action));
    try {
      await executor.run(action);
      done.push(action);
    } catch (error) {
      const cause = engineError(error, describeAction(action));
      const restored = await undo(context.docker, executor.created, done);
      throw new BenchtopError(cause.code, `${cause.message} ${restored}`, cause.detail);
    }
  }
  return executor.created;
}

async function undo(
  docker: Docker,
  created: ReadonlyMap<string, string>,
  done: readonly Action[],
): Promise<string> {
  if (done.length === 0 && created.size === 0) return 'Nothing was changed on the board.';
  const { actions, lost } = rollback(done);
  const restarted: string[] = [];
  const failed: string[] = [];
  for (const action of actions) {
    if (action.kind === 'remove-new') {
      const id = created.get(action.service);
      if (id !== undefined) {
        await ignoreGone(() => docker.getContainer(id).remove({ force: true })).catch(() =>
          failed.push(`could not remove the new ${action.service} container ${id.slice(0, 12)}`),
        );
      }
      continue;
    }
    await docker
      .getContainer(action.container.id)
      .start()
      .then(() => restarted.push(action.container.name))
      .catch((error: unknown) => {
        if (engineStatus(error) === 304) restarted.push(action.container.name);
        else failed.push(`could not restart ${action.container.name}`);
      });
  }
  const parts = ['The previous release was put back: '];
  parts.push(created.size > 0 ? 'the new containers were removed' : 'no new container was left');
  if (restarted.length > 0) parts.push(`; restarted ${restarted.join(', ')}`);
  if (lost.length > 0) {
    parts.push(
      `; ${lost.map((c) => c.name).join(', ')} had already been removed (delete-then-download) and cannot be restarted`,
    );
  }
  if (failed.length > 0) parts.push(`; but ${failed.join(', ')}`);
  return `${parts.join('')}.`;
}
