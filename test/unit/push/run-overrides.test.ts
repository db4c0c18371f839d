// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { containerSpec } from '../../../src/main/push/deploy/container-spec.js';
import {
  withRunOverrides,
  type ServiceRunOverrides,
} from '../../../src/main/push/run/run-overrides.js';
import { composition, service } from '../../support/push-project.js';

describe('live run overrides (#dev-cmd-live=, #dev-env=)', () => {
  it('replaces the command and adds the environment of the services that have them, only those', () => {
    const project = composition('demo', [
      service('web', { environment: { PORT: '80', MODE: 'prod' }, command: ['httpd'] }),
      service('db'),
    ]);
    const overrides: Record<string, ServiceRunOverrides> = {
      web: { command: ['npm', 'run', 'dev'], environment: { MODE: 'dev' } },
    };
    const live = withRunOverrides(project, (name) => overrides[name] ?? { environment: {} });
    const [web, db] = live.services;
    expect(containerSpec(live, web!).create.Cmd).toEqual(['npm', 'run', 'dev']);
    expect(containerSpec(live, web!).create.Env).toEqual(['MODE=dev', 'PORT=80']);
    expect(web?.raw).toMatchObject({ command: ['npm', 'run', 'dev'] });
    expect(db).toBe(project.services[1]);
  });
});
