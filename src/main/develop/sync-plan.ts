// SPDX-License-Identifier: Apache-2.0
// The seam between deciding what a batch of file changes means for each service (rules/, pure)
// and doing it on a board's engine (live/). Rules are compiled once per push from the project;
// every batch of watcher events becomes one plan per service that the batch touches.
import type { Composition } from '../push/composition.js';

/** One watcher event; `path` is relative to the project root, with forward slashes. */
export interface FileChange {
  readonly path: string;
  readonly kind: 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';
}

/** A command run in the service's container after files are copied (#dev-run=, sync+exec). */
export interface SyncCommand {
  /** argv; a shell-form command is ['/bin/sh', '-c', text]. */
  readonly command: readonly string[];
  readonly workdir?: string;
  readonly user?: string;
  /** Added to the container's environment for this command (compose exec.environment). */
  readonly environment?: Readonly<Record<string, string>>;
  /** compose exec.privileged. */
  readonly privileged?: boolean;
}

/** What one service needs after a batch, applied in this order: mkdir, remove, copy, exec, restart. */
export interface ServiceSyncPlan {
  readonly service: string;
  /**
   * Rebuild the service's image and replace its container by its update strategy (its Dockerfile,
   * the compose file, or a file used by a RUN or an earlier stage changed). When true the other
   * fields are empty: the new image carries the change.
   */
  readonly rebuild: boolean;
  /** Why, in words for people: "Dockerfile changed", "package.json is copied before RUN npm ci". */
  readonly reasons: readonly string[];
  /** Container folders to create (new empty folders; parents of copied files need not be listed). */
  readonly mkdir: readonly string[];
  /** Container paths to delete (files or whole folders). */
  readonly remove: readonly string[];
  /** Files to copy: absolute local path to absolute container path. */
  readonly copy: readonly { readonly from: string; readonly to: string }[];
  readonly exec: readonly SyncCommand[];
  /** Restart the container after copying and running (compose `sync+restart`, `restart`). */
  readonly restart: boolean;
}

/** How a service runs while live: livepush's #dev-cmd-live= and #dev-env= applied at deploy. */
export interface LiveRunOverrides {
  readonly command?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
}

/** Compiled per project; opaque to live/ except through the functions below. */
export interface LiveRules {
  readonly project: Composition;
  /** True when no service cares about this project-relative path (the watcher skips it). */
  ignored(path: string): boolean;
  /** The batch's plans, one per touched service, in the project's service order. */
  plan(changes: readonly FileChange[]): readonly ServiceSyncPlan[];
  /** Per service: what deploy must change while live (empty environment when none). */
  runOverrides(service: string): LiveRunOverrides;
  /** Files to copy right after the push (compose `initial_sync`), as a plan per service. */
  initialSync(): readonly ServiceSyncPlan[];
}
