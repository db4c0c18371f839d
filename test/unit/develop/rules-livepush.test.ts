// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { compileLiveRules } from '../../../src/main/develop/rules/index.js';
import { local, project } from './live-project.js';

const webpack = [
  'FROM bench/busybox',
  'WORKDIR /usr/src/app',
  'USER node',
  'COPY package.json ./',
  'RUN npm install',
  '#dev-run=npm install --only=dev',
  '#dev-copy=dev-tools/ /tools/',
  '# dev-env=DEBUG=1 LEVEL="very high"',
  '#dev-cmd-live=npm run dev',
  'COPY src/ src/',
  'RUN npm run build',
  'CMD ["node", "dist/index.js"]',
].join('\n');

const sh = (text: string) => ['/bin/sh', '-c', text];

describe("livepush's Dockerfile directives", () => {
  const rules = compileLiveRules(project({ dockerfile: webpack }));

  it('#dev-cmd-live and #dev-env become the live run overrides', () => {
    expect(rules.runOverrides('main')).toEqual({
      command: sh('npm run dev'),
      environment: { DEBUG: '1', LEVEL: 'very high' },
    });
    expect(rules.runOverrides('nothing-here')).toEqual({ environment: {} });
  });

  it('re-runs the RUNs after a changed copy in the container (with #dev-run), and restarts before #dev-cmd-live', () => {
    const [plan] = rules.plan([{ path: 'package.json', kind: 'change' }]);
    expect(plan).toEqual({
      service: 'main',
      rebuild: false,
      reasons: [],
      mkdir: [],
      remove: [],
      copy: [{ from: local('package.json'), to: '/usr/src/app/package.json' }],
      exec: [
        { command: sh('npm install'), workdir: '/usr/src/app', user: 'node' },
        { command: sh('npm install --only=dev'), workdir: '/usr/src/app', user: 'node' },
      ],
      restart: true,
    });
  });

  it('maps #dev-copy like a COPY', () => {
    const [plan] = rules.plan([{ path: 'dev-tools/lint.sh', kind: 'add' }]);
    expect(plan?.copy).toEqual([{ from: local('dev-tools/lint.sh'), to: '/tools/lint.sh' }]);
    expect(plan?.exec).toEqual([]);
  });

  it('after #dev-cmd-live: the image RUNs are dropped and the live command reloads by itself', () => {
    const [plan] = rules.plan([{ path: 'src/app.js', kind: 'change' }]);
    expect(plan?.copy).toEqual([{ from: local('src/app.js'), to: '/usr/src/app/src/app.js' }]);
    expect(plan?.exec).toEqual([]);
    expect(plan?.restart).toBe(false);
  });

  it('a #dev-cmd-live in an earlier stage makes that stage the last one', () => {
    const dockerfile = [
      'FROM bench/busybox AS build',
      'COPY src/ /src/',
      '#dev-cmd-live=["webpack-dev-server", "--hot"]',
      'COPY more/ /more/',
      'RUN npm run build',
      'FROM bench/busybox',
      'COPY --from=build /dist /www',
    ].join('\n');
    const live = compileLiveRules(project({ dockerfile }));
    expect(live.runOverrides('main').command).toEqual(['webpack-dev-server', '--hot']);
    const [before] = live.plan([{ path: 'src/a.js', kind: 'change' }]);
    expect(before).toMatchObject({ rebuild: false, restart: true, exec: [] });
    expect(before?.copy).toEqual([{ from: local('src/a.js'), to: '/src/a.js' }]);
    const [after] = live.plan([{ path: 'more/b.js', kind: 'change' }]);
    expect(after).toMatchObject({ rebuild: false, restart: false, exec: [] });
  });

  it('rebuilds when a RUN to re-run cannot be run by exec (a heredoc)', () => {
    const dockerfile = [
      'FROM bench/busybox',
      'COPY gen.sh /gen.sh',
      'RUN <<EOF',
      'sh /gen.sh',
      'EOF',
      '#dev-cmd-live=httpd -f -h /www',
      'COPY conf /conf',
      'RUN echo dropped in live mode',
    ].join('\n');
    const live = compileLiveRules(project({ dockerfile }));
    const [gen] = live.plan([{ path: 'gen.sh', kind: 'change' }]);
    expect(gen?.rebuild).toBe(true);
    expect(gen?.reasons).toEqual([
      'gen.sh is copied before RUN <<EOF (line 3), which cannot be re-run in the container',
    ]);
    const [conf] = live.plan([{ path: 'conf/a.ini', kind: 'change' }]);
    expect(conf).toMatchObject({ rebuild: false, exec: [], restart: false });
  });

  it('each command runs once for a burst of files, in Dockerfile order', () => {
    const dockerfile = [
      'FROM bench/busybox',
      '#dev-run=echo first',
      'COPY a/ /a/',
      'RUN echo second',
      'COPY b/ /b/',
      'RUN echo third',
    ].join('\n');
    const live = compileLiveRules(project({ dockerfile }));
    const burst = Array.from({ length: 500 }, (_, i) => ({
      path: `${i % 2 === 0 ? 'a' : 'b'}/file${i}.txt`,
      kind: 'add' as const,
    }));
    const plans = live.plan(burst);
    expect(plans).toHaveLength(1);
    expect(plans[0]?.copy).toHaveLength(500);
    expect(plans[0]?.exec.map((command) => command.command[2])).toEqual([
      'echo second',
      'echo third',
    ]);
  });
});
