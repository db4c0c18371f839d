// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { liveComposition, liveDockerfile } from '../../../src/main/develop/rules/index.js';
import { project } from './live-project.js';

describe('the Dockerfile livepush builds for a live session', () => {
  it('turns directives into instructions, drops CMD, later RUNs and later stages', () => {
    const text = [
      'FROM bench/busybox AS app',
      'COPY package.json ./',
      'RUN npm install \\',
      '  --production',
      '#dev-run=npm install --only=dev',
      '#dev-copy=tools/ /tools/',
      '#dev-env=DEBUG=1',
      '#dev-cmd-live=npm run dev',
      'COPY src/ src/',
      'RUN npm run build \\',
      '  --minify',
      'CMD ["node", "dist/index.js"]',
      'FROM nginx',
      'COPY --from=app /dist /www',
    ].join('\n');
    expect(liveDockerfile(text)).toBe(
      [
        'FROM bench/busybox AS app',
        'COPY package.json ./',
        'RUN npm install \\',
        '  --production',
        'RUN npm install --only=dev',
        'COPY tools/ /tools/',
        'ENV DEBUG=1',
        'CMD npm run dev',
        'COPY src/ src/',
      ].join('\n'),
    );
  });

  it('leaves a Dockerfile without directives as it is', () => {
    const text = 'FROM bench/busybox\n# a comment=with equals\nCOPY . /www\nCMD ["httpd"]\n';
    expect(liveDockerfile(text)).toBe(text);
  });

  it('applies to every built service of a project, and only to the Dockerfile text', () => {
    const live = liveComposition(
      project({ name: 'a', dockerfile: 'FROM x\n#dev-cmd-live=sleep 1\nCMD ["y"]' }, { name: 'b' }),
    );
    expect(live.services[0]?.build?.dockerfileText).toBe('FROM x\nCMD sleep 1');
    expect(live.services[1]?.build).toBeUndefined();
  });
});
