// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { compileLiveRules } from '../../../src/main/develop/rules/index.js';
import type { FileChange } from '../../../src/main/develop/sync-plan.js';
import { local, project, type ServiceInput } from './live-project.js';

function planOf(
  input: ServiceInput,
  changes: FileChange[],
  dockerignores?: Record<string, string>,
) {
  const rules = compileLiveRules(
    project(input),
    dockerignores === undefined ? {} : { dockerignores },
  );
  return rules.plan(changes);
}

const busybox = (body: string) =>
  `FROM bench/busybox\n${body}\nCMD ["httpd", "-f", "-h", "/www"]\n`;

describe('the final stage COPY/ADD mapping', () => {
  it('puts a file where `COPY . /www` puts it', () => {
    const [plan] = planOf({ dockerfile: busybox('COPY . /www') }, [
      { path: 'index.html', kind: 'change' },
      { path: 'css/site.css', kind: 'add' },
    ]);
    expect(plan?.rebuild).toBe(false);
    expect(plan?.copy).toEqual([
      { from: local('css/site.css'), to: '/www/css/site.css' },
      { from: local('index.html'), to: '/www/index.html' },
    ]);
  });

  it('maps a folder source to its destination folder, with or without slashes', () => {
    for (const line of ['COPY src/ /app/src/', 'COPY src /app/src', 'COPY ./src /app/src']) {
      const [plan] = planOf({ dockerfile: busybox(line) }, [
        { path: 'src/lib/a.js', kind: 'change' },
      ]);
      expect(plan?.copy, line).toEqual([{ from: local('src/lib/a.js'), to: '/app/src/lib/a.js' }]);
    }
  });

  it('copies a single file to the file named as destination, or into a folder destination', () => {
    const dockerfile = busybox(
      'COPY config.json /etc/app.json\nCOPY motd /etc/\nWORKDIR /srv\nCOPY notes.txt .\nCOPY readme.txt /srv',
    );
    const [plan] = planOf({ dockerfile }, [
      { path: 'config.json', kind: 'change' },
      { path: 'motd', kind: 'change' },
      { path: 'notes.txt', kind: 'change' },
      { path: 'readme.txt', kind: 'change' },
    ]);
    expect(plan?.copy).toEqual([
      { from: local('config.json'), to: '/etc/app.json' },
      { from: local('motd'), to: '/etc/motd' },
      // /srv is the WORKDIR, a known folder: the file goes inside it.
      { from: local('notes.txt'), to: '/srv/notes.txt' },
      { from: local('readme.txt'), to: '/srv/readme.txt' },
    ]);
  });

  it('resolves relative destinations against WORKDIR, including relative WORKDIRs', () => {
    const dockerfile = busybox('WORKDIR /usr/src\nWORKDIR app\nCOPY src/ ./src/\nCOPY main.js .');
    const [plan] = planOf({ dockerfile }, [
      { path: 'src/a.js', kind: 'change' },
      { path: 'main.js', kind: 'change' },
    ]);
    expect(plan?.copy.map((entry) => entry.to)).toEqual([
      '/usr/src/app/main.js',
      '/usr/src/app/src/a.js',
    ]);
  });

  it('takes each of several sources, and globs, into the destination folder', () => {
    const dockerfile = busybox('COPY a.txt b.txt /data/\nCOPY *.json /conf/\nCOPY web* /site/');
    const [plan] = planOf({ dockerfile }, [
      { path: 'b.txt', kind: 'change' },
      { path: 'app.json', kind: 'change' },
      { path: 'website/index.html', kind: 'change' },
    ]);
    expect(plan?.copy).toEqual([
      { from: local('app.json'), to: '/conf/app.json' },
      { from: local('b.txt'), to: '/data/b.txt' },
      // A glob that matches a folder copies the folder's contents.
      { from: local('website/index.html'), to: '/site/index.html' },
    ]);
  });

  it('uses ARG and ENV values in destinations, and rebuilds when the base image decides', () => {
    const dockerfile = busybox(
      'ARG ROOT=/opt\nENV APP=$ROOT/app\nCOPY src ${APP}/src\nCOPY lib $HOME/lib',
    );
    const [mapped] = planOf({ dockerfile }, [{ path: 'src/x.js', kind: 'change' }]);
    expect(mapped?.copy).toEqual([{ from: local('src/x.js'), to: '/opt/app/src/x.js' }]);
    const [unknown] = planOf({ dockerfile }, [{ path: 'lib/y.js', kind: 'change' }]);
    expect(unknown?.rebuild).toBe(true);
    expect(unknown?.reasons[0]).toMatch(
      /lib\/y\.js is copied by line 5 .*depends on the base image/,
    );
  });

  it('takes build args given by the compose file over the Dockerfile default', () => {
    const dockerfile = busybox('ARG DEST=/default\nCOPY . $DEST');
    const [plan] = planOf({ dockerfile, build: { args: { DEST: '/given' } } }, [
      { path: 'f.txt', kind: 'change' },
    ]);
    expect(plan?.copy).toEqual([{ from: local('f.txt'), to: '/given/f.txt' }]);
  });

  it('ignores COPY --from: a stage or image is no source of context files', () => {
    const dockerfile =
      'FROM bench/busybox AS build\nRUN echo hi > /out\nFROM bench/busybox\nCOPY --from=build /out /www/out\nCOPY www /www\n';
    const [plan] = planOf({ dockerfile }, [{ path: 'www/out', kind: 'change' }]);
    expect(plan?.copy).toEqual([{ from: local('www/out'), to: '/www/out' }]);
  });

  it('honours COPY --exclude', () => {
    const dockerfile = busybox('COPY --exclude=*.txt --exclude=*.md . /www');
    const [plan] = planOf({ dockerfile }, [
      { path: 'README.md', kind: 'change' },
      { path: 'a.html', kind: 'change' },
    ]);
    // README.md is then in the context but taken by no COPY: rebuild, to be safe.
    expect(plan?.rebuild).toBe(true);
    expect(plan?.reasons).toEqual([
      'README.md is in the build context but no COPY of the final stage takes it',
    ]);
  });

  it('creates new folders and removes deleted files and folders', () => {
    const [plan] = planOf({ dockerfile: busybox('COPY site /www') }, [
      { path: 'site/img', kind: 'addDir' },
      { path: 'site/old.html', kind: 'unlink' },
      { path: 'site/old', kind: 'unlinkDir' },
      { path: 'site/old/inner.html', kind: 'unlink' },
    ]);
    expect(plan?.mkdir).toEqual(['/www/img']);
    expect(plan?.remove).toEqual(['/www/old', '/www/old.html']);
    expect(plan?.copy).toEqual([]);
  });

  it('never creates or removes the copied folder itself (its contents live at the destination)', () => {
    const plans = planOf({ dockerfile: busybox('COPY site /www') }, [
      { path: 'site', kind: 'unlinkDir' },
    ]);
    expect(plans).toEqual([]);
  });

  it('honours .dockerignore, and its "!" exceptions', () => {
    const dockerignores = { '.dockerignore': 'node_modules\n*.log\n!keep.log\n' };
    const input = { dockerfile: busybox('COPY . /www') };
    expect(
      planOf(input, [{ path: 'node_modules/x/index.js', kind: 'change' }], dockerignores),
    ).toEqual([]);
    expect(planOf(input, [{ path: 'debug.log', kind: 'change' }], dockerignores)).toEqual([]);
    const [kept] = planOf(input, [{ path: 'keep.log', kind: 'change' }], dockerignores);
    expect(kept?.copy).toEqual([{ from: local('keep.log'), to: '/www/keep.log' }]);
    const rules = compileLiveRules(project(input), { dockerignores });
    expect(rules.ignored('debug.log')).toBe(true);
    expect(rules.ignored('index.html')).toBe(false);
    // A folder that an exception reaches into must still be watched.
    const reaching = compileLiveRules(project(input), {
      dockerignores: { '.dockerignore': 'vendor\n!vendor/keep.js\n' },
    });
    expect(reaching.ignored('vendor')).toBe(false);
    expect(reaching.ignored('vendor/other.js')).toBe(true);
  });

  it('maps against the service build context, not the project root', () => {
    const [plan] = planOf({ dockerfile: busybox('COPY . /www'), context: 'frontend' }, [
      { path: 'frontend/index.html', kind: 'change' },
      { path: 'backend/app.js', kind: 'change' },
    ]);
    expect(plan?.copy).toEqual([{ from: local('frontend/index.html'), to: '/www/index.html' }]);
    const rules = compileLiveRules(
      project({ dockerfile: busybox('COPY . /www'), context: 'frontend' }),
    );
    expect(rules.ignored('backend/app.js')).toBe(true);
    expect(rules.ignored('frontend')).toBe(false);
  });

  it('uses the .dockerignore of the context with multi-dockerignore', () => {
    const input = {
      dockerfile: busybox('COPY . /www'),
      context: 'web',
      build: { dockerignoreDir: '/work/proj/web' },
    };
    const dockerignores = { 'web/.dockerignore': 'drafts\n', '.dockerignore': 'index.html\n' };
    const [plan] = planOf(
      input,
      [
        { path: 'web/drafts/a.html', kind: 'change' },
        { path: 'web/index.html', kind: 'change' },
      ],
      dockerignores,
    );
    expect(plan?.copy).toEqual([{ from: local('web/index.html'), to: '/www/index.html' }]);
  });

  it('never syncs .git', () => {
    const rules = compileLiveRules(project({ dockerfile: busybox('COPY . /www') }));
    expect(rules.ignored('.git')).toBe(true);
    expect(rules.ignored('.git/HEAD')).toBe(true);
    expect(rules.plan([{ path: '.git/HEAD', kind: 'change' }])).toEqual([]);
  });

  it('rebuilds when ADD is given an archive it unpacks, and maps other ADD sources like COPY', () => {
    const dockerfile = busybox(
      'ADD vendor.tar.gz /opt/\nADD https://example.com/x.txt conf /etc/conf',
    );
    const [archive] = planOf({ dockerfile }, [{ path: 'vendor.tar.gz', kind: 'change' }]);
    expect(archive?.rebuild).toBe(true);
    expect(archive?.reasons[0]).toMatch(/archive that ADD unpacks/);
    const [conf] = planOf({ dockerfile }, [{ path: 'conf/a.ini', kind: 'change' }]);
    expect(conf?.copy).toEqual([{ from: local('conf/a.ini'), to: '/etc/conf/a.ini' }]);
  });

  it('sets owners and modes given by --chown and --chmod, in one command each', () => {
    const dockerfile = busybox('COPY --chown=app:app --chmod=640 src /app');
    const [plan] = planOf({ dockerfile }, [
      { path: 'src/a', kind: 'change' },
      { path: 'src/b', kind: 'add' },
    ]);
    expect(plan?.exec).toEqual([
      { command: ['chown', '-R', 'app:app', '/app/a', '/app/b'] },
      { command: ['chmod', '-R', '640', '/app/a', '/app/b'] },
    ]);
  });

  it('copies a file taken by two COPYs to both places', () => {
    const dockerfile = busybox('COPY shared.css /www/\nCOPY shared.css /admin/');
    const [plan] = planOf({ dockerfile }, [{ path: 'shared.css', kind: 'change' }]);
    expect(plan?.copy.map((entry) => entry.to)).toEqual(['/admin/shared.css', '/www/shared.css']);
  });

  it('restarts a plain Dockerfile service after a sync, so its program sees the new code', () => {
    const dockerfile = 'FROM bench/busybox\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n';
    const [plan] = planOf({ dockerfile }, [{ path: 'index.js', kind: 'change' }]);
    expect(plan?.restart).toBe(true);
    expect(plan?.exec).toEqual([]);
  });

  it('does not restart a static file server (CMD or compose command), which serves the file at once', () => {
    const [httpd] = planOf({ dockerfile: busybox('COPY . /www') }, [
      { path: 'index.html', kind: 'change' },
    ]);
    expect(httpd?.restart).toBe(false);
    const shell =
      'FROM bench/busybox\nCOPY . /www\nCMD ["sh", "-c", "echo up; exec /usr/sbin/nginx -g \'daemon off;\'"]\n';
    expect(planOf({ dockerfile: shell }, [{ path: 'a.html', kind: 'change' }])[0]?.restart).toBe(
      false,
    );
    // An entrypoint decides before the CMD.
    const wrapped = 'FROM bench/busybox\nCOPY . /www\nENTRYPOINT ["/start.sh"]\nCMD ["httpd"]\n';
    expect(planOf({ dockerfile: wrapped }, [{ path: 'a.html', kind: 'change' }])[0]?.restart).toBe(
      true,
    );
  });
});
