// SPDX-License-Identifier: Apache-2.0
// A batch's effects on one service as one plan: a rebuild swallows everything else; paths are
// kept once; each command runs once in its order, however many files asked for it (a 500-file
// checkout is one exec, not 500); chown/chmod of copied files is one command per value.
import path from 'node:path';
import type { ServiceSyncPlan, SyncCommand } from '../sync-plan.js';
import type { Effect } from './effects.js';

/** At most this many reasons are listed; the rest are counted. */
const maxReasons = 5;

export function mergeEffects(
  service: string,
  effects: readonly Effect[],
): ServiceSyncPlan | undefined {
  if (effects.length === 0) return undefined;
  const reasons = [
    ...new Set(effects.flatMap((effect) => (effect.kind === 'rebuild' ? [effect.reason] : []))),
  ];
  if (reasons.length > 0) {
    const shown = reasons.slice(0, maxReasons);
    if (reasons.length > maxReasons) shown.push(`and ${reasons.length - maxReasons} more changes`);
    return {
      service,
      rebuild: true,
      reasons: shown,
      mkdir: [],
      remove: [],
      copy: [],
      exec: [],
      restart: false,
    };
  }
  const mkdir = new Set<string>();
  const remove = new Set<string>();
  const copy = new Map<string, string>();
  const owners = new Map<string, { tool: string; value: string; paths: Set<string> }>();
  const execs = new Map<string, { order: number; command: SyncCommand }>();
  let restart = false;
  for (const effect of effects) {
    switch (effect.kind) {
      case 'mkdir':
        mkdir.add(effect.path);
        break;
      case 'remove':
        remove.add(effect.path);
        break;
      case 'copy':
        // Keyed by destination: two files cannot both land on one path.
        copy.set(effect.to, effect.from);
        break;
      case 'own': {
        const key = `${effect.tool} ${effect.value}`;
        const entry = owners.get(key) ?? {
          tool: effect.tool,
          value: effect.value,
          paths: new Set(),
        };
        entry.paths.add(effect.path);
        owners.set(key, entry);
        break;
      }
      case 'exec':
        execs.set(JSON.stringify(effect.command), { order: effect.order, command: effect.command });
        break;
      case 'restart':
        restart = true;
        break;
      case 'rebuild':
        break;
    }
  }
  const ownCommands: SyncCommand[] = [...owners.values()].map((entry) => ({
    command: [entry.tool, '-R', entry.value, ...[...entry.paths].sort()],
  }));
  const ordered = [...execs.values()]
    .sort((a, b) => a.order - b.order)
    .map((entry) => entry.command);
  return {
    service,
    rebuild: false,
    reasons: [],
    mkdir: [...mkdir].sort(),
    remove: outermost(remove),
    copy: [...copy.entries()]
      .map(([to, from]) => ({ from, to }))
      .sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0)),
    exec: [...ownCommands, ...ordered],
    restart,
  };
}

/** Sorted, without paths inside another listed one (removing a folder removes its files). */
function outermost(paths: ReadonlySet<string>): string[] {
  const inside = (item: string): boolean => {
    let parent = path.posix.dirname(item);
    while (parent !== '/' && parent !== '.') {
      if (paths.has(parent)) return true;
      parent = path.posix.dirname(parent);
    }
    return false;
  };
  return [...paths].filter((item) => !inside(item)).sort();
}
