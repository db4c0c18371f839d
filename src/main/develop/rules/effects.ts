// SPDX-License-Identifier: Apache-2.0
// What one file change does to one service, before a batch's effects are merged into a plan.
import type { FileChange, LiveRunOverrides, SyncCommand } from '../sync-plan.js';

export type Effect =
  | { readonly kind: 'rebuild'; readonly reason: string }
  | { readonly kind: 'mkdir'; readonly path: string }
  | { readonly kind: 'remove'; readonly path: string }
  | { readonly kind: 'copy'; readonly from: string; readonly to: string }
  /** `order` is the command's place (Dockerfile step, watch rule): execs run in that order, once each. */
  | { readonly kind: 'exec'; readonly order: number; readonly command: SyncCommand }
  /** COPY --chown/--chmod: applied to the copied paths in one command per value. */
  | {
      readonly kind: 'own';
      readonly tool: 'chown' | 'chmod';
      readonly value: string;
      readonly path: string;
    }
  | { readonly kind: 'restart' };

/** One service's compiled rules; `change.path` is project-relative. */
export interface ServiceRules {
  readonly service: string;
  effects(change: FileChange): Effect[];
  /** False when no change of this path can matter to the service (the watcher may skip it). */
  cares(file: string): boolean;
  readonly runOverrides: LiveRunOverrides;
  /** Effects of sending these project files once after the push (compose `initial_sync`). */
  initialEffects(files: readonly string[]): Effect[];
}

export function isFolderChange(change: FileChange): boolean {
  return change.kind === 'addDir' || change.kind === 'unlinkDir';
}

export function isRemoval(change: FileChange): boolean {
  return change.kind === 'unlink' || change.kind === 'unlinkDir';
}

/** The sync effect of one change landing at container path `to`. */
export function placeEffect(change: FileChange, from: string, to: string): Effect {
  if (isRemoval(change)) return { kind: 'remove', path: to };
  if (change.kind === 'addDir') return { kind: 'mkdir', path: to };
  return { kind: 'copy', from, to };
}
