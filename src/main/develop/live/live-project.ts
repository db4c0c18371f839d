// SPDX-License-Identifier: Apache-2.0
// A project as a live push builds and runs it, and the same for a session's rebuilds, so both
// give a service the same config hash (a rebuild then leaves the others' containers alone):
// each Dockerfile as livepush builds it (develop/rules' liveComposition), then the live command
// and environment on the container (push's withRunOverrides).
import { withRunOverrides, type Composition, type LiveProjectSource } from '../../push/index.js';
import type { LiveRules } from '../sync-plan.js';

/** What live/ needs of develop/rules, handed over by the engine (loaded on first use). */
export interface RulesModule {
  readonly loadLiveRules: (
    composition: Composition,
    composeFiles?: readonly string[],
  ) => Promise<LiveRules>;
  readonly liveComposition: (composition: Composition) => Composition;
}

export function liveProject(rules: RulesModule, compiled: LiveRules): Composition {
  return withRunOverrides(rules.liveComposition(compiled.project), (service) =>
    compiled.runOverrides(service),
  );
}

/** push.start's `live` hook. */
export const liveProjectSource =
  (rules: RulesModule): LiveProjectSource =>
  async (composition, composeFiles) =>
    liveProject(rules, await rules.loadLiveRules(composition, composeFiles));
