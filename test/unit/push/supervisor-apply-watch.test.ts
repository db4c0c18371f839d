// SPDX-License-Identifier: Apache-2.0
// Reading a supervisor's progress from its status polls and system log lines (pure).
import { describe, expect, it } from 'vitest';
import { ApplyWatch, type SupervisorLogLine } from '../../../src/main/push/supervisor/index.js';

const images = new Map([
  ['web', 'local_image_web:latest'],
  ['data', 'local_image_data:latest'],
]);
const system = (message: string): SupervisorLogLine => ({
  service: null,
  message,
  timestamp: 0,
  isSystem: true,
  isStdErr: false,
});
const status = (appState: string, web?: string, data?: string) => ({
  appState,
  images: [],
  containers: [
    ...(web === undefined ? [] : [{ serviceName: 'web', status: web }]),
    ...(data === undefined ? [] : [{ serviceName: 'data', status: data }]),
  ],
});

describe('apply watch', () => {
  it('takes the service from a failure line that names a service or only its image', () => {
    const watch = new ApplyWatch(['web', 'data'], images);
    expect(
      watch.noteLog(system("Failed to start service 'web local_image_web:latest' due to 'x'")),
    ).toEqual({
      service: 'web',
      message: "Failed to start service 'web local_image_web:latest' due to 'x'",
    });
    expect(
      watch.noteLog(system("Failed to download image 'local_image_data:latest' due to 'y'")),
    ).toMatchObject({ service: 'data' });
    expect(watch.noteLog(system("Error creating volume 'cache' due to 'z'"))).toMatchObject({
      service: null,
    });
    expect(watch.failures).toHaveLength(3);
  });

  it('ignores system lines that are not failures and every service’s own output', () => {
    const watch = new ApplyWatch(['web'], images);
    watch.noteLog(system("Started service 'web local_image_web:latest'"));
    watch.noteLog({ ...system('Failed to connect to db'), service: 'web', isSystem: false });
    expect(watch.failures).toEqual([]);
  });

  it('counts a release as run only after seeing it applied after applying', () => {
    const watch = new ApplyWatch(['web', 'data'], images);
    expect(watch.noteStatus(status('applying', 'Installing')).done).toBe(false);
    expect(watch.noteStatus(status('applied', 'Running', 'exited')).done).toBe(false);
    expect(watch.noteStatus(status('applied', 'Running', 'Running')).done).toBe(true);
  });

  it('does not take the previous release, still applied right after the POST, for the new one', () => {
    const watch = new ApplyWatch(['web'], images);
    expect(watch.noteStatus(status('applied', 'Running')).done).toBe(false);
    expect(watch.noteStatus(status('applied', 'Running')).done).toBe(true);
  });

  it('reports each change of state once, and names the services not running', () => {
    const watch = new ApplyWatch(['web', 'data'], images);
    expect(watch.noteStatus(status('applying', 'Installing')).lines).toEqual([
      'The supervisor is applying the release.',
      'web: Installing',
      'data: no container yet',
    ]);
    expect(watch.noteStatus(status('applying', 'Installing')).lines).toEqual([]);
    expect(watch.notRunning()).toBe('web Installing, data no container yet');
  });
});
