// SPDX-License-Identifier: Apache-2.0
// The project's live-sync rules, compiled once per push: pure and synchronous, from the
// Composition and the few project files given in `options` (read by load-live-rules.ts).
import type { Composition } from '../../push/composition.js';
import type { FileChange, LiveRules, ServiceSyncPlan } from '../sync-plan.js';
import { lastStates, normalize } from './batch.js';
import type { Effect } from './effects.js';
import { mergeEffects } from './merge-plan.js';
import { serviceRules } from './service-rules.js';

export interface LiveRulesOptions {
  /**
   * The compose files the project was loaded from (none for a bare Dockerfile folder). Their
   * change, a compose file appearing, and `.env` when a compose file is in use, reload the whole
   * project: every service rebuilt or redeployed. Default: as if docker-compose.yml were used.
   */
  readonly composeFiles?: readonly string[];
  /** Texts of the project's .dockerignore files, by project-relative path; absent means none. */
  readonly dockerignores?: Readonly<Record<string, string>>;
  /** Project-relative files under the paths of `initial_sync` rules, for initialSync(). */
  readonly initialFiles?: readonly string[];
}

/** balena's compose file names and its dev overlay: one appearing changes the project too. */
export const defaultComposeFiles = [
  'docker-compose.yml',
  'docker-compose.yaml',
  'docker-compose.dev.yml',
] as const;

export function compileLiveRules(project: Composition, options: LiveRulesOptions = {}): LiveRules {
  const given = options.composeFiles ?? ['docker-compose.yml'];
  const composeFiles = new Set([...defaultComposeFiles, ...given].map(normalize));
  // `.env` only fills in the compose file's variables.
  if (given.length > 0) composeFiles.add('.env');
  const dockerignores = options.dockerignores ?? {};
  const services = project.services.map((service) =>
    serviceRules(project, service, (file) => dockerignores[file]),
  );
  const byName = new Map(services.map((rules) => [rules.service, rules]));

  const plans = (each: (rules: (typeof services)[number]) => Effect[]): ServiceSyncPlan[] =>
    services.flatMap((rules) => {
      const plan = mergeEffects(rules.service, each(rules));
      return plan === undefined ? [] : [plan];
    });

  return {
    project,
    ignored(file) {
      const normal = normalize(file);
      if (normal === '' || normal === '.' || composeFiles.has(normal)) return false;
      if (normal.split('/').includes('.git')) return true;
      return !services.some((rules) => rules.cares(normal));
    },
    plan(changes: readonly FileChange[]) {
      const states = lastStates(changes);
      const reload = states.find((change) => composeFiles.has(change.path));
      return plans((rules) => [
        ...(reload === undefined
          ? []
          : [{ kind: 'rebuild' as const, reason: `${reload.path} changed` }]),
        ...states.flatMap((change) => rules.effects(change)),
      ]);
    },
    runOverrides(service) {
      return byName.get(service)?.runOverrides ?? { environment: {} };
    },
    initialSync() {
      const files = (options.initialFiles ?? []).map(normalize);
      return plans((rules) => rules.initialEffects(files));
    },
  };
}
