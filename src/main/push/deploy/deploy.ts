// SPDX-License-Identifier: Apache-2.0
// Runs a built composition on a plain Docker engine (a board without a supervisor in local mode,
// or the rig): refuse what cannot work, make the project's networks and volumes, plan from what
// runs now, apply. Images must all be built before this is called.
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import type { Composition } from '../composition.js';
import { applyPlan, type ReadySpec } from './apply-plan.js';
import { withBoardLock } from './board-lock.js';
import { configHash } from './config-hash.js';
import { containerSpec } from './container-spec.js';
import { deployRefusals } from './deploy-constraints.js';
import { ensureResources } from './ensure-resources.js';
import { plan, type DesiredService, type PlanOptions } from './plan.js';
import { readEngine } from './read-engine.js';
import { handoverTimeoutMs, updateStrategy } from './update-strategy.js';

export interface DeployOptions extends PlanOptions {
  /** The board's engine address (host:port): one push at a time per board. */
  readonly board: string;
  /** Image id of each built service, from build/ (sha256:…). */
  readonly builtImages: ReadonlyMap<string, string>;
  readonly onStep?: (text: string) => void;
}

export interface DeployResult {
  /** Services given a new container by this push. */
  readonly replaced: readonly string[];
  readonly unchanged: readonly string[];
  /** Container id of each service after the push. */
  readonly containers: ReadonlyMap<string, string>;
}

export function deploy(
  docker: Docker,
  composition: Composition,
  options: DeployOptions,
): Promise<DeployResult> {
  return withBoardLock(options.board, () => deployLocked(docker, composition, options));
}

async function deployLocked(
  docker: Docker,
  composition: Composition,
  options: DeployOptions,
): Promise<DeployResult> {
  const engine = await readEngine(docker, composition);
  const [refusal, ...more] = deployRefusals(composition, engine.facts);
  if (refusal !== undefined) {
    const others = more.map((error) => error.message).join('\n');
    throw new BenchtopError(refusal.code, refusal.message, others === '' ? refusal.detail : others);
  }

  const specs = new Map<string, ReadySpec>();
  const desired: DesiredService[] = composition.services.map((service) => {
    const imageId = options.builtImages.get(service.name) ?? engine.imageIds.get(service.name);
    if (imageId === undefined) {
      throw new BenchtopError(
        'INTERNAL',
        `Service ${service.name} has no image: it was not built before deploying.`,
      );
    }
    const spec = containerSpec(composition, service);
    const hash = configHash(spec, imageId);
    specs.set(service.name, { spec, configHash: hash });
    return {
      name: service.name,
      configHash: hash,
      imageId,
      strategy: updateStrategy(service.labels),
      handoverTimeoutMs: handoverTimeoutMs(service.labels),
      dependsOn: service.dependsOn,
    };
  });

  await ensureResources(docker, composition);
  const { actions, unchanged } = plan(engine.current, desired, options);
  const created = await applyPlan(
    {
      docker,
      project: composition.name,
      specs,
      current: engine.current,
      ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
    },
    actions,
  );
  const containers = new Map<string, string>();
  for (const service of unchanged) {
    const kept = engine.current.find(
      (c) => c.service === service && c.configHash === specs.get(service)?.configHash,
    );
    if (kept !== undefined) containers.set(service, kept.id);
  }
  for (const [service, id] of created) containers.set(service, id);
  return { replaced: [...created.keys()], unchanged, containers };
}
