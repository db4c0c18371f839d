// SPDX-License-Identifier: Apache-2.0
import type { AppInfo, appCommands } from '../../shared/contract/index.js';
import type { Service } from '../contract/service.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { completePath } from './complete-path.js';
import { appVersion } from './version.js';

export function createAppService(
  host: AppInfo['host'],
  jobs: JobRunner,
): Service<keyof typeof appCommands> {
  return {
    handlers: {
      'app.info': async () => ({
        name: 'benchtop',
        version: appVersion,
        platform: process.platform,
        arch: process.arch,
        host,
        isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
      }),
      'paths.complete': async ({ path }) => completePath(path),
      'jobs.list': async () => jobs.list(),
      'jobs.get': async ({ jobId }) => jobs.get(jobId),
      'jobs.cancel': async ({ jobId }) => jobs.cancel(jobId),
    },
  };
}
