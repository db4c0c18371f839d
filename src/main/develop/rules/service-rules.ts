// SPDX-License-Identifier: Apache-2.0
// One service's rules: its image files (Dockerfile, .dockerignore) rebuild it; then its compose
// `develop.watch` rules when it has them, else the default mapping of its Dockerfile.
import path from 'node:path';
import type { Composition, ServiceSpec } from '../../push/composition.js';
import type { FileChange } from '../sync-plan.js';
import { below, contextFilter, type ContextFilter } from './context-filter.js';
import { dockerfileNames, dockerfileRules } from './dockerfile-service.js';
import type { Effect, ServiceRules } from './effects.js';
import { watchRulesOf, type WatchRule } from './watch-rules.js';
import { watchEffects } from './watch-service.js';

export function serviceRules(
  project: Composition,
  service: ServiceSpec,
  readText: (file: string) => string | undefined,
): ServiceRules {
  const root = project.root;
  const context =
    service.build === undefined ? undefined : contextFilter(root, service.build, readText);
  const dockerfile = dockerfileRules(service);
  const watch = watchRulesOf(root, service);
  const imageFiles = new Set(dockerfileNames(root, service, project.target));
  if (context !== undefined) imageFiles.add(context.dockerignore);
  const local = (file: string) => path.join(root, ...file.split('/'));

  const effects = (change: FileChange): Effect[] => {
    if (imageFiles.has(change.path)) {
      return [{ kind: 'rebuild', reason: `${change.path} changed` }];
    }
    if (watch !== undefined) return watchEffects(watch, context, change, local(change.path));
    if (dockerfile === undefined || context === undefined) return [];
    if (context.place(change.path) !== 'inside') return [];
    const inContext = context.relative(change.path);
    if (inContext === '') return [];
    return dockerfile.effects(change, inContext, local(change.path));
  };

  return {
    service: service.name,
    effects,
    cares: (file) =>
      imageFiles.has(file) ||
      (watch === undefined ? contextCares(context, file) : watchCares(watch, context, file)),
    runOverrides: {
      ...(dockerfile?.model.liveCommand === undefined
        ? {}
        : { command: dockerfile.model.liveCommand }),
      environment: dockerfile?.model.liveEnvironment ?? {},
    },
    initialEffects: (files) => {
      const initial = watch?.filter((rule) => rule.initialSync) ?? [];
      if (initial.length === 0) return [];
      return files.flatMap((file) =>
        watchEffects(initial, context, { path: file, kind: 'add' }, local(file)),
      );
    },
  };
}

/** A folder above the context must be walked; an ignored one only when a "!" may bring files back. */
function contextCares(context: ContextFilter | undefined, file: string): boolean {
  if (context === undefined) return false;
  if (below(file, context.context) !== undefined) return true;
  const place = context.place(file);
  return place === 'inside' || (place === 'ignored' && context.mayHoldExceptions(file));
}

/** Include patterns are not applied here: a folder must be walked for the files it may hold. */
function watchCares(
  rules: readonly WatchRule[],
  context: ContextFilter | undefined,
  file: string,
): boolean {
  return rules.some((rule) => {
    if (below(file, rule.path) !== undefined) return true;
    const inside = below(rule.path, file);
    if (inside === undefined || file.split('/').includes('.git')) return false;
    if (context?.place(file) === 'ignored' && !context.mayHoldExceptions(file)) return false;
    return inside === '' || rule.ignore?.ignores(inside) !== true;
  });
}
