// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { releaseId } from '../../../src/main/push/deploy/release-id.js';
import { composition, service } from '../../support/push-project.js';

const project = composition('sensors', [
  service('reader', { dockerfile: 'FROM busybox' }),
  service('upload', { image: 'redis:7' }),
]);
const images = new Map([['reader', 'sha256:aaaa']]);

describe('the release id a push reports', () => {
  it('is 12 hex digits, the same for the same project, images and settings in any order', () => {
    const id = releaseId(project, images);
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const reordered = composition('sensors', [...project.services].reverse());
    expect(releaseId(reordered, new Map(images))).toBe(id);
  });

  it('changes with a rebuilt image, a changed setting or another project name', () => {
    const id = releaseId(project, images);
    expect(releaseId(project, new Map([['reader', 'sha256:bbbb']]))).not.toBe(id);
    const withEnv = composition('sensors', [
      service('reader', { dockerfile: 'FROM busybox', environment: { DEBUG: '1' } }),
      service('upload', { image: 'redis:7' }),
    ]);
    expect(releaseId(withEnv, images)).not.toBe(id);
    expect(releaseId(composition('other', project.services), images)).not.toBe(id);
  });
});
