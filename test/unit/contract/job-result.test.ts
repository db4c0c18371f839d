// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/contract/event-bus.js';
import { JobRunner } from '../../../src/main/jobs/job-runner.js';
import { commands, FlashResult, PushResult } from '../../../src/shared/contract/index.js';
import { jobResult } from '../../../src/shared/job-result.js';
import { JobRef, type Job } from '../../../src/shared/jobs.js';

const flashed: FlashResult = {
  cards: [
    {
      target: '/dev/loop3',
      serial: '',
      uuid: 'a1b2c3',
      hostname: 'a1b2c3d',
      imageChecksum: 'abcd',
      verified: true,
      configVerified: true,
      time: '2026-12-01T06:00:00.000Z',
    },
  ],
  bytesWritten: 4096,
  sparse: false,
};

const finished = (fields: Partial<Job>): Job => ({
  id: 'job-1',
  kind: 'flash.start',
  title: 'Flash 1 card',
  state: 'succeeded',
  phase: 'done',
  tasks: [],
  startedAt: '2026-12-01T06:00:00.000Z',
  endedAt: '2026-12-01T06:00:01.000Z',
  ...fields,
});

// Never called: TypeScript checks these lines (npm test type-checks test/), vitest does not.
export const refusedByTypeScript = (runner: JobRunner): Job[] => [
  // @ts-expect-error a flash job's work must return a FlashResult
  runner.start('flash.start', 'Wrong', async () => ({ written: 1 })),
  // @ts-expect-error only a command that declares `job: Schema` names a kind of job
  runner.start('app.info', 'Not a job', async () => flashed),
];

describe('typed job results', () => {
  it('declares the result schema of every job command, and only of those', () => {
    const jobCommands = Object.entries(commands).filter(([, spec]) => spec.job !== undefined);
    expect(jobCommands.map(([name]) => name).sort()).toEqual([
      'flash.start',
      'group.exec',
      'group.reboot',
      'group.service',
      'push.start',
    ]);
    for (const [, spec] of jobCommands) expect(spec.result).toBe(JobRef);
    expect(commands['flash.start'].job).toBe(FlashResult);
    expect(commands['push.start'].job).toBe(PushResult);
  });

  it('hands a face the result a job ended with, typed by its command', async () => {
    const runner = new JobRunner(new EventBus());
    const started = runner.start('flash.start', 'Flash 1 card', async () => flashed);
    const result = jobResult('flash.start', await runner.wait(started.id));
    expect(result.cards[0]?.hostname).toBe('a1b2c3d');
    expect(result).toEqual(flashed);
  });

  it('refuses a result that does not fit the contract as an INTERNAL error naming the field', () => {
    const job = finished({ result: { ...flashed, bytesWritten: 'lots' } });
    expect(() => jobResult('flash.start', job)).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: expect.stringMatching(
          /flash\.start job .* does not allow: bytesWritten/,
        ) as string,
      }),
    );
  });

  it('refuses a job started by another command', () => {
    expect(() => jobResult('flash.start', finished({ kind: 'push.build' }))).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: expect.stringContaining('push.build') as string,
      }),
    );
  });

  it('throws the job’s own error when it failed, and CANCELLED when it was stopped', () => {
    const failed = finished({
      state: 'failed',
      error: { code: 'TARGET_LOST', message: '/dev/loop3 went away.' },
    });
    expect(() => jobResult('flash.start', failed)).toThrow(
      expect.objectContaining({ code: 'TARGET_LOST', message: '/dev/loop3 went away.' }),
    );
    expect(() => jobResult('flash.start', finished({ state: 'cancelled' }))).toThrow(
      expect.objectContaining({ code: 'CANCELLED' }),
    );
    expect(() => jobResult('flash.start', finished({ state: 'running' }))).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: expect.stringContaining('running') as string,
      }),
    );
  });

  it('hands over the result a failed job kept: a group where some boards failed', () => {
    const result = {
      action: 'reboot',
      command: 'reboot',
      boards: [
        { board: 'a', ok: true, status: 0, durationMs: 5, output: 'rebooting' },
        { board: 'b', ok: false, status: null, durationMs: 5, output: '' },
      ],
      succeeded: 1,
      failed: 1,
    };
    const job = finished({
      kind: 'group.reboot',
      state: 'failed',
      error: { code: 'COMMAND_FAILED', message: '1 of 2 boards failed: b.' },
      result,
    });
    expect(jobResult('group.reboot', job)).toEqual(result);
  });
});
