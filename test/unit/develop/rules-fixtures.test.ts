// SPDX-License-Identifier: Apache-2.0
// The rules of the two Develop fixture projects, loaded from disk as a push loads them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLiveRules } from '../../../src/main/develop/rules/index.js';
import { loadProject } from '../../../src/main/push/project/index.js';

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/develop',
);
const amd64 = { arch: 'amd64', deviceType: 'generic-amd64' } as const;

async function rulesOf(name: string) {
  const loaded = await loadProject(path.join(fixtures, name), { target: amd64 });
  return loadLiveRules(loaded.composition, loaded.composeFiles);
}

describe('the livepush fixture', () => {
  it('runs its #dev-cmd-live command with its #dev-env, and syncs www/ without a restart', async () => {
    const rules = await rulesOf('livepush-project');
    const root = rules.project.root;
    expect(rules.runOverrides('main')).toEqual({
      command: ['/bin/sh', '-c', 'httpd -f -v -p 8081 -h /srv/www'],
      environment: { BENCHTOP_LIVE: '1' },
    });
    expect(rules.plan([{ path: 'www/index.html', kind: 'change' }])).toEqual([
      {
        service: 'main',
        rebuild: false,
        reasons: [],
        mkdir: [],
        remove: [],
        copy: [{ from: path.join(root, 'www/index.html'), to: '/srv/www/index.html' }],
        exec: [],
        restart: false,
      },
    ]);
    // Copied before the directive: livepush restarts the container for it.
    expect(rules.plan([{ path: 'motd.txt', kind: 'change' }])[0]).toMatchObject({
      copy: [{ to: '/etc/motd' }],
      restart: true,
    });
    expect(rules.plan([{ path: 'Dockerfile', kind: 'change' }])[0]?.rebuild).toBe(true);
    expect(rules.ignored('notes')).toBe(true);
    expect(rules.ignored('www/index.html.swp')).toBe(true);
    expect(rules.plan([{ path: 'notes/README.md', kind: 'change' }])).toEqual([]);
  });
});

describe('the develop.watch fixture', () => {
  it('keeps develop through the loader and follows its rules per service', async () => {
    const rules = await rulesOf('watch-project');
    const root = rules.project.root;
    expect(rules.initialSync()).toEqual([
      {
        service: 'web',
        rebuild: false,
        reasons: [],
        mkdir: [],
        remove: [],
        copy: [{ from: path.join(root, 'web/site/index.html'), to: '/www/index.html' }],
        exec: [],
        restart: false,
      },
    ]);
    const plans = rules.plan([
      { path: 'web/conf/banner.txt', kind: 'change' },
      { path: 'web/site/drafts/new.html', kind: 'add' },
      { path: 'worker/job.sh', kind: 'change' },
    ]);
    expect(plans).toEqual([
      {
        service: 'web',
        rebuild: false,
        reasons: [],
        mkdir: [],
        remove: [],
        copy: [{ from: path.join(root, 'web/conf/banner.txt'), to: '/etc/web/banner.txt' }],
        exec: [{ command: ['/bin/sh', '-c', 'cp /etc/web/banner.txt /www/banner.txt'] }],
        restart: false,
      },
      {
        service: 'worker',
        rebuild: true,
        reasons: ['worker/job.sh changed (develop.watch rule 1: rebuild worker)'],
        mkdir: [],
        remove: [],
        copy: [],
        exec: [],
        restart: false,
      },
    ]);
    expect(
      rules.plan([{ path: 'docker-compose.yml', kind: 'change' }]).map((p) => p.service),
    ).toEqual(['web', 'worker']);
    expect(rules.ignored('web/site/drafts')).toBe(true);
    expect(rules.ignored('web/Dockerfile')).toBe(false);
  });
});
