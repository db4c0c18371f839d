// SPDX-License-Identifier: Apache-2.0
// How to put the previous release back after an action failed part-way: remove every container
// this push created (first, so they free their ports), then start every old container this push
// stopped that still exists. Pure, from the list of actions already done.
import type { Action, CurrentContainer } from './plan.js';

export type UndoAction =
  | { readonly kind: 'remove-new'; readonly service: string }
  | { readonly kind: 'start-old'; readonly service: string; readonly container: CurrentContainer };

export interface Rollback {
  readonly actions: readonly UndoAction[];
  /** Old containers this push stopped and already removed (delete-then-download): gone for good. */
  readonly lost: readonly CurrentContainer[];
}

export function rollback(done: readonly Action[]): Rollback {
  const removed = new Set(
    done.flatMap((action) => (action.kind === 'remove-old' ? [action.container.id] : [])),
  );
  const removeNew: UndoAction[] = done.flatMap((action) =>
    action.kind === 'create' ? [{ kind: 'remove-new' as const, service: action.service }] : [],
  );
  const stopped = done.flatMap((action) => (action.kind === 'stop-old' ? [action] : []));
  const startOld: UndoAction[] = stopped
    .filter((action) => !removed.has(action.container.id))
    .map((action) => ({ kind: 'start-old', service: action.service, container: action.container }));
  const lost = stopped
    .filter((action) => removed.has(action.container.id))
    .map((action) => action.container);
  return { actions: [...removeNew, ...startOld], lost };
}
