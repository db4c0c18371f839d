// SPDX-License-Identifier: Apache-2.0
// A service's compose `develop.watch` rules, checked beyond the schema (which the loader already
// applied): what each action needs (a target to sync to, an exec to run, a build to rebuild)
// and that the watched path is in the project. Each error names the service and the rule.
import path from 'node:path';
import dockerignoreModule, { type Ignore } from '@balena/dockerignore';
import { BenchtopError } from '../../../shared/errors.js';
import type { ServiceSpec } from '../../push/composition.js';
import type { SyncCommand } from '../sync-plan.js';
import { toPosix } from './context-filter.js';

export const watchActions = ['sync', 'rebuild', 'restart', 'sync+restart', 'sync+exec'] as const;
export type WatchAction = (typeof watchActions)[number];

export interface WatchRule {
  /** 1-based, as people count the rules in the file. */
  readonly number: number;
  /** Project-relative folder or file watched ('' for the project root). */
  readonly path: string;
  readonly action: WatchAction;
  /** Absolute container path for the sync actions. */
  readonly target?: string;
  readonly ignore?: Ignore;
  readonly include?: Ignore;
  readonly exec?: SyncCommand;
  readonly initialSync: boolean;
}

/** The rules of `service`, or undefined when it has no `develop.watch` (the default rules apply). */
export function watchRulesOf(root: string, service: ServiceSpec): WatchRule[] | undefined {
  const develop = service.raw.develop;
  if (!isRecord(develop) || develop.watch === undefined || develop.watch === null) return undefined;
  const watch = develop.watch;
  if (!Array.isArray(watch)) {
    throw invalid(
      service.name,
      undefined,
      'develop.watch must be a list of rules',
      'Write each rule as a "- path: … action: …" entry.',
    );
  }
  return watch.map((entry: unknown, index) => watchRule(root, service, entry, index + 1));
}

function watchRule(root: string, service: ServiceSpec, entry: unknown, number: number): WatchRule {
  const fail = (problem: string, hint: string) => invalid(service.name, number, problem, hint);
  if (!isRecord(entry)) throw fail('is not a mapping', 'Give it "path" and "action".');
  const action = watchActions.find((candidate) => candidate === entry.action);
  if (action === undefined) {
    throw fail(
      `has action ${JSON.stringify(entry.action)}`,
      `Use one of ${watchActions.join(', ')}.`,
    );
  }
  if (typeof entry.path !== 'string' || entry.path === '') {
    throw fail('has no "path"', 'Set "path" to the project folder or file to watch, e.g. "./src".');
  }
  const absolute = path.resolve(root, entry.path);
  const relative = toPosix(path.relative(root, absolute));
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw fail(
      `watches ${entry.path}, outside the project (${root})`,
      'Watch a path inside the project folder.',
    );
  }
  const syncs = action.startsWith('sync');
  if (action === 'rebuild' && service.build === undefined) {
    throw fail(
      'rebuilds a service that has no "build"',
      'Add a "build" section, or use action restart or sync.',
    );
  }
  const target = syncs ? syncTarget(entry.target, service, fail) : undefined;
  if (entry.exec !== undefined && action !== 'sync+exec') {
    throw fail(
      `has "exec" with action ${action}`,
      'Use action "sync+exec" to run a command after syncing.',
    );
  }
  const exec = action === 'sync+exec' ? execCommand(entry.exec, fail) : undefined;
  const ignore = patterns(entry.ignore, 'ignore', fail);
  const include = patterns(entry.include, 'include', fail);
  return {
    number,
    path: relative,
    action,
    ...(target === undefined ? {} : { target }),
    ...(ignore === undefined ? {} : { ignore }),
    ...(include === undefined ? {} : { include }),
    ...(exec === undefined ? {} : { exec }),
    initialSync: syncs && entry.initial_sync === true,
  };
}

type Fail = (problem: string, hint: string) => BenchtopError;

function syncTarget(value: unknown, service: ServiceSpec, fail: Fail): string {
  if (typeof value !== 'string' || value === '') {
    throw fail(
      'syncs but has no "target"',
      'Set "target" to the folder in the container, e.g. /app/src.',
    );
  }
  if (value.startsWith('/')) return path.posix.normalize(value);
  // compose places a relative target in the container's working directory.
  if (service.workingDir !== undefined) return path.posix.resolve(service.workingDir, value);
  throw fail(
    `has the relative target "${value}" and the service sets no working_dir`,
    'Give "target" as an absolute container path, e.g. /app/src.',
  );
}

function execCommand(value: unknown, fail: Fail): SyncCommand {
  if (!isRecord(value)) {
    throw fail(
      'has action sync+exec but no "exec"',
      'Add exec: { command: … } with the command to run after syncing.',
    );
  }
  const { command } = value;
  const argv =
    typeof command === 'string' && command.trim() !== ''
      ? ['/bin/sh', '-c', command]
      : Array.isArray(command) &&
          command.length > 0 &&
          command.every((word) => typeof word === 'string')
        ? command
        : undefined;
  if (argv === undefined) {
    throw fail(
      'has an "exec" without a command',
      'Set exec.command to a string or a list of words.',
    );
  }
  const environment = environmentOf(value.environment);
  return {
    command: argv,
    ...(typeof value.working_dir === 'string' ? { workdir: value.working_dir } : {}),
    ...(typeof value.user === 'string' || typeof value.user === 'number'
      ? { user: String(value.user) }
      : {}),
    ...(value.privileged === true ? { privileged: true } : {}),
    ...(environment === undefined ? {} : { environment }),
  };
}

function environmentOf(value: unknown): Record<string, string> | undefined {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((item) => {
        const [name = '', ...rest] = String(item).split('=');
        return [name, rest.join('=')];
      }),
    );
  }
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).map(([name, v]) => [name, v === null ? '' : String(v as string)]),
  );
}

function patterns(value: unknown, key: string, fail: Fail): Ignore | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw fail(
      `has an "${key}" value that is not a pattern or a list of patterns`,
      `Write ${key} as .dockerignore patterns, e.g. ["node_modules/"].`,
    );
  }
  return dockerignoreModule
    .default({ ignorecase: false })
    .add(list.map((item) => item.replace(/\/+$/, '')));
}

function invalid(
  service: string,
  rule: number | undefined,
  problem: string,
  hint: string,
): BenchtopError {
  const where =
    rule === undefined
      ? `service "${service}"`
      : `service "${service}", develop.watch rule ${rule}`;
  return new BenchtopError('INVALID_CONFIG', `${where} ${problem}. ${hint}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
