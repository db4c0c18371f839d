// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { compileLiveRules } from '../../../src/main/develop/rules/index.js';
import { BenchtopError } from '../../../src/shared/errors.js';
import { local, project, type ServiceInput } from './live-project.js';

const dockerfile = 'FROM bench/busybox\nCOPY . /www\nCMD ["httpd", "-f", "-h", "/www"]\n';

function watching(watch: unknown, extra: Partial<ServiceInput> = {}) {
  return compileLiveRules(project({ name: 'web', dockerfile, develop: { watch }, ...extra }));
}

describe('compose develop.watch rules', () => {
  it('sync copies files under path to target, and replaces the Dockerfile mapping', () => {
    const rules = watching([{ path: './html', action: 'sync', target: '/var/www' }]);
    const [plan] = rules.plan([
      { path: 'html/index.html', kind: 'change' },
      { path: 'html/img', kind: 'addDir' },
      { path: 'html/old.png', kind: 'unlink' },
    ]);
    expect(plan).toEqual({
      service: 'web',
      rebuild: false,
      reasons: [],
      mkdir: ['/var/www/img'],
      remove: ['/var/www/old.png'],
      copy: [{ from: local('html/index.html'), to: '/var/www/index.html' }],
      exec: [],
      restart: false,
    });
    // Outside every rule nothing happens, though `COPY . /www` would have taken it.
    expect(rules.plan([{ path: 'README.md', kind: 'change' }])).toEqual([]);
    expect(rules.ignored('README.md')).toBe(true);
    expect(rules.ignored('html/index.html')).toBe(false);
  });

  it('a watched file syncs to the target itself', () => {
    const rules = watching([
      { path: 'nginx.conf', action: 'sync', target: '/etc/nginx/nginx.conf' },
    ]);
    const [plan] = rules.plan([{ path: 'nginx.conf', kind: 'change' }]);
    expect(plan?.copy).toEqual([{ from: local('nginx.conf'), to: '/etc/nginx/nginx.conf' }]);
  });

  it('rebuild, restart, sync+restart and sync+exec', () => {
    const rules = watching([
      { path: 'package.json', action: 'rebuild' },
      { path: 'conf', action: 'restart' },
      { path: 'src', action: 'sync+restart', target: '/app/src' },
      {
        path: 'templates',
        action: 'sync+exec',
        target: '/app/templates',
        exec: {
          command: 'kill -HUP 1',
          user: 'root',
          working_dir: '/app',
          environment: { MODE: 'reload' },
        },
      },
    ]);
    expect(rules.plan([{ path: 'package.json', kind: 'change' }])[0]).toMatchObject({
      rebuild: true,
      reasons: ['package.json changed (develop.watch rule 1: rebuild package.json)'],
    });
    expect(rules.plan([{ path: 'conf/a.ini', kind: 'change' }])[0]).toMatchObject({
      rebuild: false,
      copy: [],
      restart: true,
    });
    expect(rules.plan([{ path: 'src/a.js', kind: 'change' }])[0]).toMatchObject({
      copy: [{ from: local('src/a.js'), to: '/app/src/a.js' }],
      restart: true,
    });
    const [exec] = rules.plan([
      { path: 'templates/a.html', kind: 'change' },
      { path: 'templates/b.html', kind: 'change' },
    ]);
    expect(exec?.copy).toHaveLength(2);
    expect(exec?.exec).toEqual([
      {
        command: ['/bin/sh', '-c', 'kill -HUP 1'],
        workdir: '/app',
        user: 'root',
        environment: { MODE: 'reload' },
      },
    ]);
    expect(exec?.restart).toBe(false);
  });

  it('ignore and include patterns are relative to the rule path', () => {
    const rules = watching([
      {
        path: 'src',
        action: 'sync',
        target: '/app',
        ignore: ['node_modules/', '*.test.js'],
        include: ['*.js', 'lib/**'],
      },
    ]);
    const [plan] = rules.plan([
      { path: 'src/a.js', kind: 'change' },
      { path: 'src/a.test.js', kind: 'change' },
      { path: 'src/node_modules/x/index.js', kind: 'change' },
      { path: 'src/readme.md', kind: 'change' },
      { path: 'src/lib/deep/b.ts', kind: 'change' },
    ]);
    expect(plan?.copy.map((entry) => entry.to)).toEqual(['/app/a.js', '/app/lib/deep/b.ts']);
    expect(rules.ignored('src/node_modules')).toBe(true);
    // Include patterns never prune a folder: the files they take may be inside.
    expect(rules.ignored('src/lib')).toBe(false);
  });

  it('the build context .dockerignore also hides files from watch rules', () => {
    const rules = compileLiveRules(
      project({
        name: 'web',
        dockerfile,
        develop: { watch: [{ path: '.', action: 'sync', target: '/www' }] },
      }),
      { dockerignores: { '.dockerignore': '*.log\n' } },
    );
    const [plan] = rules.plan([
      { path: 'debug.log', kind: 'change' },
      { path: 'index.html', kind: 'change' },
    ]);
    expect(plan?.copy).toEqual([{ from: local('index.html'), to: '/www/index.html' }]);
  });

  it("still rebuilds on the service's Dockerfile", () => {
    const rules = watching([{ path: 'src', action: 'sync', target: '/app' }]);
    expect(rules.plan([{ path: 'Dockerfile', kind: 'change' }])[0]?.rebuild).toBe(true);
  });

  it('initial_sync sends the files of its rules once, as a plan per service', () => {
    const rules = compileLiveRules(
      project({
        name: 'web',
        dockerfile,
        develop: {
          watch: [
            { path: 'html', action: 'sync', target: '/www', initial_sync: true },
            { path: 'conf', action: 'sync+restart', target: '/etc/app' },
          ],
        },
      }),
      { initialFiles: ['html/index.html', 'html/css/a.css', 'conf/app.ini'] },
    );
    expect(rules.initialSync()).toEqual([
      {
        service: 'web',
        rebuild: false,
        reasons: [],
        mkdir: [],
        remove: [],
        copy: [
          { from: local('html/css/a.css'), to: '/www/css/a.css' },
          { from: local('html/index.html'), to: '/www/index.html' },
        ],
        exec: [],
        restart: false,
      },
    ]);
  });

  it('a relative target lands in the working_dir', () => {
    const rules = watching([{ path: 'src', action: 'sync', target: 'src' }], {
      workingDir: '/app',
    });
    expect(rules.plan([{ path: 'src/a.js', kind: 'change' }])[0]?.copy).toEqual([
      { from: local('src/a.js'), to: '/app/src/a.js' },
    ]);
  });

  it('works on an image-only service', () => {
    const rules = compileLiveRules(
      project({
        name: 'static',
        develop: { watch: [{ path: 'www', action: 'sync', target: '/www' }] },
      }),
    );
    expect(rules.plan([{ path: 'www/a.html', kind: 'change' }])[0]?.copy).toEqual([
      { from: local('www/a.html'), to: '/www/a.html' },
    ]);
  });
});

describe('invalid develop.watch rules', () => {
  const cases: [string, unknown, Partial<ServiceInput>, RegExp][] = [
    [
      'sync without target',
      [{ path: 'src', action: 'sync' }],
      {},
      /service "web", develop\.watch rule 1 syncs but has no "target"\. Set "target"/,
    ],
    [
      'an unknown action',
      [{ path: 'src', action: 'copy' }],
      {},
      /rule 1 has action "copy"\. Use one of sync, rebuild/,
    ],
    ['no path', [{ action: 'rebuild' }], {}, /rule 1 has no "path"/],
    [
      'a path outside the project',
      [{ path: '../elsewhere', action: 'rebuild' }],
      {},
      /rule 1 watches \.\.\/elsewhere, outside the project/,
    ],
    [
      'sync+exec without exec',
      [
        { path: 'a', action: 'sync', target: '/a' },
        { path: 'src', action: 'sync+exec', target: '/app' },
      ],
      {},
      /rule 2 has action sync\+exec but no "exec"/,
    ],
    [
      'exec on another action',
      [{ path: 'src', action: 'sync', target: '/app', exec: { command: 'x' } }],
      {},
      /rule 1 has "exec" with action sync\. Use action "sync\+exec"/,
    ],
    [
      'exec without command',
      [{ path: 'src', action: 'sync+exec', target: '/app', exec: { user: 'root' } }],
      {},
      /rule 1 has an "exec" without a command/,
    ],
    [
      'rebuild without build',
      [{ path: 'src', action: 'rebuild' }],
      { dockerfile: undefined },
      /rule 1 rebuilds a service that has no "build"/,
    ],
    [
      'a relative target without working_dir',
      [{ path: 'src', action: 'sync', target: 'app' }],
      {},
      /relative target "app" and the service sets no working_dir/,
    ],
    [
      'watch that is not a list',
      { path: 'src' },
      {},
      /service "web" develop\.watch must be a list/,
    ],
    [
      'ignore that is not patterns',
      [{ path: 'src', action: 'sync', target: '/a', ignore: [1] }],
      {},
      /rule 1 has an "ignore" value that is not a pattern/,
    ],
  ];
  for (const [name, watch, extra, message] of cases) {
    it(`refuses ${name} with INVALID_CONFIG naming the service and rule`, () => {
      const compile = () =>
        compileLiveRules(project({ name: 'web', dockerfile, develop: { watch }, ...extra }));
      expect(compile).toThrow(BenchtopError);
      expect(compile).toThrow(message);
      expect(compile).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    });
  }
});
