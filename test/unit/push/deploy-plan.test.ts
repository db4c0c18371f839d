// SPDX-License-Identifier: Apache-2.0
// The deploy planner per update strategy: which container stops, starts and goes, in what order.
import { describe, expect, it } from 'vitest';
import {
  dependencyOrder,
  plan,
  type Action,
  type CurrentContainer,
  type DesiredService,
} from '../../../src/main/push/deploy/plan.js';
import { rollback } from '../../../src/main/push/deploy/rollback.js';
import type { UpdateStrategy } from '../../../src/main/push/deploy/update-strategy.js';

const old = (service: string, hash = 'old', running = true): CurrentContainer => ({
  id: `${service}-${hash}-id`,
  name: `demo_${service}_${hash}`,
  service,
  configHash: hash,
  running,
  imageId: `sha256:${service}-${hash}`,
});

const want = (
  name: string,
  strategy: UpdateStrategy = 'download-then-kill',
  more: Partial<DesiredService> = {},
): DesiredService => ({
  name,
  configHash: 'new',
  imageId: `sha256:${name}-new`,
  strategy,
  handoverTimeoutMs: 60_000,
  dependsOn: [],
  ...more,
});

/** "kind target" for each action, short enough to read the order at a glance. */
const steps = (actions: readonly Action[]): string[] =>
  actions.map((action) => {
    if ('container' in action) return `${action.kind} ${action.container.name}`;
    if (action.kind === 'remove-image') return `${action.kind} ${action.imageId}`;
    return `${action.kind} ${action.service}`;
  });

describe('deploy plan', () => {
  it('creates and starts a new service, whatever its strategy', () => {
    for (const strategy of ['download-then-kill', 'hand-over', 'delete-then-download'] as const) {
      expect(steps(plan([], [want('web', strategy)]).actions)).toEqual([
        'create web',
        'start-new web',
      ]);
    }
  });

  it('leaves an unchanged service alone, and starts it if it was stopped', () => {
    expect(plan([old('web', 'new')], [want('web')])).toEqual({ actions: [], unchanged: ['web'] });
    expect(steps(plan([old('web', 'new', false)], [want('web')]).actions)).toEqual([
      'start-old demo_web_new',
    ]);
  });

  it('replaces an unchanged service too when asked to recreate', () => {
    expect(steps(plan([old('web', 'new')], [want('web')], { recreate: true }).actions)).toContain(
      'create web',
    );
  });

  it('download-then-kill: creates the new one before stopping the old, removes the old last', () => {
    expect(steps(plan([old('web')], [want('web')]).actions)).toEqual([
      'create web',
      'stop-old demo_web_old',
      'start-new web',
      'remove-old demo_web_old',
    ]);
  });

  it('kill-then-download: stops the old one before creating the new one', () => {
    expect(steps(plan([old('web')], [want('web', 'kill-then-download')]).actions)).toEqual([
      'stop-old demo_web_old',
      'create web',
      'start-new web',
      'remove-old demo_web_old',
    ]);
  });

  it('delete-then-download: removes the old container and its image before creating', () => {
    expect(steps(plan([old('web')], [want('web', 'delete-then-download')]).actions)).toEqual([
      'stop-old demo_web_old',
      'remove-old demo_web_old',
      'remove-image sha256:web-old',
      'create web',
      'start-new web',
    ]);
  });

  it('delete-then-download keeps the image when the new container runs the same one', () => {
    const same = want('web', 'delete-then-download', { imageId: 'sha256:web-old' });
    expect(steps(plan([old('web')], [same]).actions)).not.toContain('remove-image sha256:web-old');
  });

  it('hand-over: starts the new one beside the old and stops the old after the hand-over', () => {
    const actions = plan(
      [old('web')],
      [want('web', 'hand-over', { handoverTimeoutMs: 5000 })],
    ).actions;
    expect(steps(actions)).toEqual([
      'create web',
      'start-new web',
      'await-handover web',
      'stop-old demo_web_old',
      'remove-old demo_web_old',
    ]);
    expect(actions[2]).toMatchObject({ kind: 'await-handover', timeoutMs: 5000 });
  });

  it('hand-over does not wait when the old container is not running', () => {
    expect(steps(plan([old('web', 'old', false)], [want('web', 'hand-over')]).actions)).toEqual([
      'create web',
      'start-new web',
      'remove-old demo_web_old',
    ]);
  });

  it('stops services dropped from the project first and removes them last', () => {
    expect(steps(plan([old('legacy')], [want('web')]).actions)).toEqual([
      'stop-old demo_legacy_old',
      'create web',
      'start-new web',
      'remove-old demo_legacy_old',
    ]);
  });

  it('removes leftovers of an interrupted push beside a kept container', () => {
    expect(steps(plan([old('web', 'new'), old('web', 'stale')], [want('web')]).actions)).toEqual([
      'stop-old demo_web_stale',
      'remove-old demo_web_stale',
    ]);
  });

  it('follows depends_on: dependencies are created and started first', () => {
    const desired = [
      want('proxy', undefined, { dependsOn: ['frontend', 'data'] }),
      want('frontend'),
      want('data'),
    ];
    expect(dependencyOrder(desired).map((s) => s.name)).toEqual(['frontend', 'data', 'proxy']);
    expect(steps(plan([], desired).actions).filter((s) => s.startsWith('start'))).toEqual([
      'start-new frontend',
      'start-new data',
      'start-new proxy',
    ]);
  });

  it('survives a depends_on cycle and names it nowhere twice', () => {
    const desired = [
      want('a', undefined, { dependsOn: ['b'] }),
      want('b', undefined, { dependsOn: ['a'] }),
    ];
    expect(dependencyOrder(desired).map((s) => s.name)).toEqual(['b', 'a']);
  });
});

describe('rollback', () => {
  it('removes what was created and restarts what was stopped, new containers first', () => {
    const done = plan([old('web')], [want('web')]).actions.slice(0, 2);
    expect(rollback(done)).toEqual({
      actions: [
        { kind: 'remove-new', service: 'web' },
        { kind: 'start-old', service: 'web', container: old('web') },
      ],
      lost: [],
    });
  });

  it('says which old containers are gone for good after delete-then-download', () => {
    const done = plan([old('web')], [want('web', 'delete-then-download')]).actions.slice(0, 4);
    const undo = rollback(done);
    expect(undo.actions).toEqual([{ kind: 'remove-new', service: 'web' }]);
    expect(undo.lost.map((c) => c.name)).toEqual(['demo_web_old']);
  });

  it('has nothing to undo when nothing was done', () => {
    expect(rollback([])).toEqual({ actions: [], lost: [] });
  });
});
