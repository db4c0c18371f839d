// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { compileLiveRules } from '../../../src/main/develop/rules/index.js';
import { local, project } from './live-project.js';

const www = 'FROM bench/busybox\nCOPY . /www\nCMD ["httpd", "-f", "-h", "/www"]\n';

describe('a batch of changes', () => {
  const rules = compileLiveRules(
    project(
      { name: 'frontend', dockerfile: www, context: 'frontend' },
      { name: 'db' },
      { name: 'api', dockerfile: www, context: 'api' },
    ),
  );

  it('gives one plan per touched service, in the project service order', () => {
    const plans = rules.plan([
      { path: 'api/a.json', kind: 'change' },
      { path: 'frontend/index.html', kind: 'change' },
    ]);
    expect(plans.map((plan) => plan.service)).toEqual(['frontend', 'api']);
  });

  it('resolves a path touched twice to its last state', () => {
    const [gone] = rules.plan([
      { path: 'api/tmp.json', kind: 'add' },
      { path: 'api/tmp.json', kind: 'unlink' },
    ]);
    expect(gone).toMatchObject({ copy: [], remove: ['/www/tmp.json'] });
    const [back] = rules.plan([
      { path: 'api/tmp.json', kind: 'unlink' },
      { path: 'api/tmp.json', kind: 'add' },
    ]);
    expect(back).toMatchObject({
      copy: [{ from: local('api/tmp.json'), to: '/www/tmp.json' }],
      remove: [],
    });
  });

  it('drops changes inside a folder deleted later in the batch, and removes the folder once', () => {
    const [plan] = rules.plan([
      { path: 'api/v1/a.json', kind: 'add' },
      { path: 'api/v1/b.json', kind: 'unlink' },
      { path: 'api/v1', kind: 'unlinkDir' },
    ]);
    expect(plan).toMatchObject({ copy: [], remove: ['/www/v1'], mkdir: [] });
  });

  it('keeps files added after their folder was deleted and made again', () => {
    const [plan] = rules.plan([
      { path: 'api/v1', kind: 'unlinkDir' },
      { path: 'api/v1', kind: 'addDir' },
      { path: 'api/v1/new.json', kind: 'add' },
    ]);
    expect(plan).toMatchObject({
      mkdir: ['/www/v1'],
      copy: [{ from: local('api/v1/new.json'), to: '/www/v1/new.json' }],
    });
  });

  it('turns a 500-file burst into one plan per service', () => {
    const burst = Array.from({ length: 500 }, (_, i) => ({
      path: `${i % 2 === 0 ? 'frontend' : 'api'}/pages/p${i}.html`,
      kind: 'add' as const,
    }));
    const plans = rules.plan(burst);
    expect(plans.map((plan) => [plan.service, plan.copy.length, plan.exec.length])).toEqual([
      ['frontend', 250, 0],
      ['api', 250, 0],
    ]);
  });

  it('accepts ./ prefixes and trailing slashes in event paths', () => {
    const [plan] = rules.plan([{ path: './frontend/css/', kind: 'addDir' }]);
    expect(plan?.mkdir).toEqual(['/www/css']);
  });

  it('gives no plan for an empty batch or one nobody cares about', () => {
    expect(rules.plan([])).toEqual([]);
    expect(rules.plan([{ path: 'docs/x.md', kind: 'change' }])).toEqual([]);
    expect(rules.initialSync()).toEqual([]);
  });

  it('never ignores the project root or a folder above a context', () => {
    const nested = compileLiveRules(project({ dockerfile: www, context: 'services/web' }));
    expect(nested.ignored('')).toBe(false);
    expect(nested.ignored('services')).toBe(false);
    expect(nested.ignored('services/web')).toBe(false);
    expect(nested.ignored('services/other')).toBe(true);
  });
});
