// SPDX-License-Identifier: Apache-2.0
// Effects of a change for a service with compose `develop.watch`: its rules replace the
// Dockerfile mapping, as in compose. Every rule whose path holds the file applies; its own
// ignore and include patterns are relative to that path, and the build's .dockerignore
// still hides files of the context (compose adds those patterns to each rule's ignore).
import type { FileChange } from '../sync-plan.js';
import { below, type ContextFilter } from './context-filter.js';
import { isFolderChange, placeEffect, type Effect } from './effects.js';
import type { WatchRule } from './watch-rules.js';

export function watchEffects(
  rules: readonly WatchRule[],
  context: ContextFilter | undefined,
  change: FileChange,
  local: string,
): Effect[] {
  const effects: Effect[] = [];
  for (const rule of rules) {
    const inside = matchingPath(rule, context, change.path);
    if (inside === undefined) continue;
    switch (rule.action) {
      case 'rebuild':
        effects.push({
          kind: 'rebuild',
          reason: `${change.path} changed (develop.watch rule ${rule.number}: rebuild ${rule.path || '.'})`,
        });
        continue;
      case 'restart':
        effects.push({ kind: 'restart' });
        continue;
      default:
        // The watched folder itself is the target; adding or removing it is not a sync.
        if (inside === '' && isFolderChange(change)) continue;
        effects.push(placeEffect(change, local, join(rule.target ?? '/', inside)));
        if (rule.action === 'sync+restart') effects.push({ kind: 'restart' });
        if (rule.action === 'sync+exec' && rule.exec !== undefined) {
          effects.push({ kind: 'exec', order: rule.number, command: rule.exec });
        }
    }
  }
  return effects;
}

/** The file's path below the rule's path ('' for the path itself), or undefined when the rule skips it. */
export function matchingPath(
  rule: WatchRule,
  context: ContextFilter | undefined,
  file: string,
): string | undefined {
  const inside = below(rule.path, file);
  if (inside === undefined) return undefined;
  if (file.split('/').includes('.git')) return undefined;
  if (context !== undefined && context.place(file) === 'ignored') return undefined;
  if (inside === '') return inside;
  if (rule.ignore?.ignores(inside) === true) return undefined;
  if (rule.include !== undefined && !rule.include.ignores(inside)) return undefined;
  return inside;
}

function join(target: string, inside: string): string {
  if (inside === '') return target;
  return target.endsWith('/') ? `${target}${inside}` : `${target}/${inside}`;
}
