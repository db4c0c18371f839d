// SPDX-License-Identifier: Apache-2.0
// What to do to a board's engine to go from the containers it runs to the composition wanted,
// as a list of actions: pure, so each update strategy's order is tested without an engine.
// Images are already built (the "download" of balena's strategy names happened before), so
// the strategies differ in when the old container stops and whether it can come back:
// - download-then-kill: the new container is created, the old one stopped, the new started;
// - kill-then-download: the old one is stopped before the new one is created;
// - delete-then-download: the old container and its image are removed before the new one is
//   created (nothing left to roll back to);
// - hand-over: the new one starts beside the old, which stops once the new one says so.
// Old containers are removed only at the end, so a failure part-way can restart them.
import type { UpdateStrategy } from './update-strategy.js';

export interface CurrentContainer {
  readonly id: string;
  readonly name: string;
  readonly service: string;
  readonly configHash: string;
  readonly running: boolean;
  readonly imageId: string;
}

export interface DesiredService {
  readonly name: string;
  readonly configHash: string;
  readonly imageId: string;
  readonly strategy: UpdateStrategy;
  readonly handoverTimeoutMs: number;
  readonly dependsOn: readonly string[];
}

export type Action =
  | { readonly kind: 'create'; readonly service: string }
  | { readonly kind: 'start-new'; readonly service: string }
  | { readonly kind: 'await-handover'; readonly service: string; readonly timeoutMs: number }
  | { readonly kind: 'start-old'; readonly service: string; readonly container: CurrentContainer }
  | { readonly kind: 'stop-old'; readonly service: string; readonly container: CurrentContainer }
  | { readonly kind: 'remove-old'; readonly service: string; readonly container: CurrentContainer }
  | { readonly kind: 'remove-image'; readonly service: string; readonly imageId: string };

export interface PlanOptions {
  /** Replace every service even when its configuration is unchanged. */
  readonly recreate?: boolean;
}

export interface Plan {
  readonly actions: readonly Action[];
  /** Services left running as they are. */
  readonly unchanged: readonly string[];
}

/** Services in depends_on order (dependencies first); cycles and unknown names are ignored. */
export function dependencyOrder(services: readonly DesiredService[]): DesiredService[] {
  const byName = new Map(services.map((service) => [service.name, service]));
  const ordered: DesiredService[] = [];
  const seen = new Set<string>();
  const visit = (service: DesiredService): void => {
    if (seen.has(service.name)) return;
    seen.add(service.name);
    for (const dependency of service.dependsOn) {
      const other = byName.get(dependency);
      if (other !== undefined) visit(other);
    }
    ordered.push(service);
  };
  services.forEach(visit);
  return ordered;
}

function replace(
  desired: DesiredService,
  olds: readonly CurrentContainer[],
): {
  now: Action[];
  atEnd: Action[];
} {
  const service = desired.name;
  const running = olds.filter((old) => old.running);
  const stop = running.map((container): Action => ({ kind: 'stop-old', service, container }));
  const remove = olds.map((container): Action => ({ kind: 'remove-old', service, container }));
  const create: Action = { kind: 'create', service };
  const start: Action = { kind: 'start-new', service };
  switch (desired.strategy) {
    case 'kill-then-download':
      return { now: [...stop, create, start], atEnd: remove };
    case 'delete-then-download': {
      const images = [...new Set(olds.map((old) => old.imageId))].filter(
        (imageId) => imageId !== desired.imageId && imageId !== '',
      );
      const removeImages = images.map((imageId): Action => ({
        kind: 'remove-image',
        service,
        imageId,
      }));
      return { now: [...stop, ...remove, ...removeImages, create, start], atEnd: [] };
    }
    case 'hand-over': {
      const wait: Action[] =
        running.length > 0
          ? [{ kind: 'await-handover', service, timeoutMs: desired.handoverTimeoutMs }]
          : [];
      return { now: [create, start, ...wait, ...stop], atEnd: remove };
    }
    case 'download-then-kill':
      return { now: [create, ...stop, start], atEnd: remove };
  }
}

export function plan(
  current: readonly CurrentContainer[],
  desired: readonly DesiredService[],
  options: PlanOptions = {},
): Plan {
  const wanted = new Set(desired.map((service) => service.name));
  const gone = current.filter((container) => !wanted.has(container.service));
  // Services dropped from the project stop first: they may hold a port a new service wants.
  const first: Action[] = gone
    .filter((container) => container.running)
    .map((container) => ({ kind: 'stop-old', service: container.service, container }));
  const middle: Action[] = [];
  const last: Action[] = gone.map((container) => ({
    kind: 'remove-old',
    service: container.service,
    container,
  }));
  const unchanged: string[] = [];

  for (const service of dependencyOrder(desired)) {
    const olds = current.filter((container) => container.service === service.name);
    const keep =
      options.recreate === true
        ? undefined
        : olds.find((old) => old.configHash === service.configHash);
    if (keep !== undefined) {
      unchanged.push(service.name);
      if (!keep.running) middle.push({ kind: 'start-old', service: service.name, container: keep });
      // Leftovers of an interrupted push beside the kept container.
      for (const extra of olds.filter((old) => old !== keep)) {
        if (extra.running)
          middle.push({ kind: 'stop-old', service: service.name, container: extra });
        last.push({ kind: 'remove-old', service: service.name, container: extra });
      }
      continue;
    }
    const { now, atEnd } = replace(service, olds);
    middle.push(...now);
    last.push(...atEnd);
  }
  return { actions: [...first, ...middle, ...last], unchanged };
}
