// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { compileLiveRules } from '../../../src/main/develop/rules/index.js';
import { project } from './live-project.js';

const node = [
  'FROM bench/busybox',
  'WORKDIR /usr/src/app',
  'COPY package.json package-lock.json ./',
  'RUN npm install',
  'COPY src/ src/',
  'CMD ["node", "src/index.js"]',
].join('\n');

describe('what rebuilds a service', () => {
  it('its Dockerfile, the Dockerfile.template that may replace it, and its .dockerignore', () => {
    const rules = compileLiveRules(project({ dockerfile: node }));
    for (const file of ['Dockerfile', 'Dockerfile.template', 'Dockerfile.amd64', '.dockerignore']) {
      const [plan] = rules.plan([{ path: file, kind: 'change' }]);
      expect(plan, file).toMatchObject({
        service: 'main',
        rebuild: true,
        reasons: [`${file} changed`],
      });
      expect(rules.ignored(file)).toBe(false);
    }
  });

  it('the compose file and .env rebuild every service, image-only ones included', () => {
    const rules = compileLiveRules(
      project(
        { name: 'web', dockerfile: node },
        { name: 'cache' },
        { name: 'api', dockerfile: node, context: 'api' },
      ),
      { composeFiles: ['docker-compose.yml'] },
    );
    for (const file of ['docker-compose.yml', '.env']) {
      const plans = rules.plan([
        { path: file, kind: 'change' },
        { path: 'src/a.js', kind: 'change' },
      ]);
      expect(plans.map((plan) => [plan.service, plan.rebuild, plan.reasons[0]])).toEqual([
        ['web', true, `${file} changed`],
        ['cache', true, `${file} changed`],
        ['api', true, `${file} changed`],
      ]);
      expect(rules.ignored(file)).toBe(false);
    }
  });

  it('a file copied before a RUN in the final stage (package.json before RUN npm install)', () => {
    const rules = compileLiveRules(project({ dockerfile: node }));
    const [plan] = rules.plan([{ path: 'package.json', kind: 'change' }]);
    expect(plan).toEqual({
      service: 'main',
      rebuild: true,
      reasons: ['package.json is copied before RUN npm install (line 4)'],
      mkdir: [],
      remove: [],
      copy: [],
      exec: [],
      restart: false,
    });
    // A file copied after the last RUN is synced.
    const [synced] = rules.plan([{ path: 'src/index.js', kind: 'change' }]);
    expect(synced?.rebuild).toBe(false);
    expect(synced?.copy).toEqual([
      { from: '/work/proj/src/index.js', to: '/usr/src/app/src/index.js' },
    ]);
  });

  it('a file used by an earlier stage of a multi-stage build', () => {
    const dockerfile = [
      'FROM bench/busybox AS build',
      'COPY src/ /build/src/',
      'RUN make -C /build',
      'FROM bench/busybox',
      'COPY --from=build /build/out /app',
      'COPY static /www',
    ].join('\n');
    const rules = compileLiveRules(project({ dockerfile }));
    const [plan] = rules.plan([{ path: 'src/main.c', kind: 'change' }]);
    expect(plan?.rebuild).toBe(true);
    expect(plan?.reasons).toEqual(['src/main.c is used by build stage "build" (line 2)']);
    const [synced] = rules.plan([{ path: 'static/a.css', kind: 'change' }]);
    expect(synced?.copy).toEqual([{ from: '/work/proj/static/a.css', to: '/www/a.css' }]);
  });

  it('the build target decides the final stage; stages after it do not count', () => {
    const dockerfile = [
      'FROM bench/busybox AS dev',
      'COPY . /www',
      'FROM bench/busybox AS prod',
      'COPY dist /www',
    ].join('\n');
    const rules = compileLiveRules(project({ dockerfile, build: { target: 'dev' } }));
    const [plan] = rules.plan([{ path: 'index.html', kind: 'change' }]);
    expect(plan?.copy).toEqual([{ from: '/work/proj/index.html', to: '/www/index.html' }]);
  });

  it('a file in the context that no COPY takes (conservative: the build might read it)', () => {
    const rules = compileLiveRules(project({ dockerfile: node }));
    const [plan] = rules.plan([{ path: 'README.md', kind: 'change' }]);
    expect(plan?.rebuild).toBe(true);
    expect(plan?.reasons).toEqual([
      'README.md is in the build context but no COPY of the final stage takes it',
    ]);
  });

  it('any context change when a RUN bind-mounts the context', () => {
    const dockerfile =
      'FROM bench/busybox\nRUN --mount=type=bind,target=/src make -C /src\nCOPY www /www\n';
    const [plan] = compileLiveRules(project({ dockerfile })).plan([
      { path: 'www/a.html', kind: 'change' },
    ]);
    expect(plan?.rebuild).toBe(true);
    expect(plan?.reasons[0]).toMatch(/RUN --mount=type=bind on line 2 reads the build context/);
  });

  it('lists a few reasons and counts the rest', () => {
    const rules = compileLiveRules(project({ dockerfile: node }));
    const changes = Array.from({ length: 8 }, (_, i) => ({
      path: `doc${i}.md`,
      kind: 'add' as const,
    }));
    const [plan] = rules.plan(changes);
    expect(plan?.reasons).toHaveLength(6);
    expect(plan?.reasons.at(-1)).toBe('and 3 more changes');
  });

  it('ignores what is outside every context', () => {
    const rules = compileLiveRules(project({ dockerfile: node, context: 'app' }));
    expect(rules.ignored('notes/todo.txt')).toBe(true);
    expect(rules.plan([{ path: 'notes/todo.txt', kind: 'change' }])).toEqual([]);
  });
});

describe('what a bare Dockerfile folder reloads on', () => {
  const rules = compileLiveRules(project({ dockerfile: 'FROM bench/busybox\nCOPY . /www\n' }), {
    composeFiles: [],
  });

  it('a compose file appearing, but not .env, which then is a file like any other', () => {
    expect(rules.plan([{ path: 'docker-compose.yml', kind: 'add' }])[0]?.reasons).toEqual([
      'docker-compose.yml changed',
    ]);
    expect(rules.plan([{ path: '.env', kind: 'change' }])[0]?.copy).toEqual([
      { from: '/work/proj/.env', to: '/www/.env' },
    ]);
  });
});

describe('places the rules cannot know', () => {
  it('rebuilds for a relative COPY after a WORKDIR from the base image, maps an absolute one', () => {
    const dockerfile = 'FROM bench/busybox\nWORKDIR $HOME\nCOPY a.txt ./\nCOPY b.txt /etc/b.txt\n';
    const rules = compileLiveRules(project({ dockerfile }));
    expect(rules.plan([{ path: 'a.txt', kind: 'change' }])[0]?.rebuild).toBe(true);
    expect(rules.plan([{ path: 'b.txt', kind: 'change' }])[0]?.copy).toEqual([
      { from: '/work/proj/b.txt', to: '/etc/b.txt' },
    ]);
  });

  it('rebuilds for COPY --parents', () => {
    const dockerfile = 'FROM bench/busybox\nCOPY --parents src/*/a.js /app/\n';
    const [plan] = compileLiveRules(project({ dockerfile })).plan([
      { path: 'src/x/a.js', kind: 'change' },
    ]);
    expect(plan?.reasons).toEqual([
      'src/x/a.js changed and line 2 copies with --parents, which live sync does not place',
    ]);
  });
});

describe('reasons', () => {
  it('name files by their path in the project, not in the build context', () => {
    const rules = compileLiveRules(project({ dockerfile: node, context: 'api' }));
    expect(rules.plan([{ path: 'api/package.json', kind: 'change' }])[0]?.reasons).toEqual([
      'api/package.json is copied before RUN npm install (line 4)',
    ]);
  });
});
