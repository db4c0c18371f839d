// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/contract/event-bus.js';
import { JobRunner } from '../../../src/main/jobs/job-runner.js';
import { Speedometer } from '../../../src/main/jobs/speedometer.js';
import { BenchtopError } from '../../../src/shared/errors.js';
import type { Job } from '../../../src/shared/jobs.js';

function setup() {
  const bus = new EventBus();
  // Kinds outside the contract, with any result: the runner's own behaviour is under test.
  const runner = new JobRunner<{ demo: unknown }>(bus);
  const updates: Job[] = [];
  bus.on('job.update', (job) => updates.push(job));
  return { runner, updates };
}

const waitForAbort = (signal: AbortSignal) =>
  new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

describe('JobRunner', () => {
  it('runs a job to success with its result and streams its phases', async () => {
    const { runner, updates } = setup();
    const job = runner.start('demo', 'Demo', async (ctx) => {
      ctx.phase('counting');
      ctx.progress({ done: 5, total: 10, unit: 'steps' });
      return { answer: 42 };
    });
    const done = await runner.wait(job.id);
    expect(done.state).toBe('succeeded');
    expect(done.result).toEqual({ answer: 42 });
    expect(updates[0]?.state).toBe('running');
    expect(updates.map((u) => u.phase)).toContain('counting');
    expect(updates.at(-1)?.state).toBe('succeeded');
  });

  it('ends with the phase saying how it ended, tasks too, and no speed or ETA left', async () => {
    const { runner, updates } = setup();
    const job = runner.start('demo', 'Demo', async (ctx) => {
      const task = ctx.task('a', 'A');
      ctx.phase('writing');
      ctx.progress({ done: 5, total: 10 });
      task.phase('writing');
      task.progress({ done: 5, total: 10 });
      return 1;
    });
    const done = await runner.wait(job.id);
    expect(updates.at(-1)).toMatchObject({ state: 'succeeded', phase: 'done' });
    expect(done.tasks[0]).toMatchObject({ state: 'succeeded', phase: 'done' });
    expect(done.tasks[0]?.progress?.speed).toBeUndefined();
    expect(done.progress?.eta).toBeUndefined();
    const failed = runner.start('demo', 'Failing', async (ctx) => {
      ctx.phase('writing');
      throw new BenchtopError('TOO_SMALL', 'Too small.');
    });
    expect((await runner.wait(failed.id)).phase).toBe('failed');
  });

  it('turns a thrown BenchtopError into a failed job with its code and message', async () => {
    const { runner } = setup();
    const job = runner.start('demo', 'Failing', async () => {
      throw new BenchtopError('TOO_SMALL', 'The drive is too small.');
    });
    const done = await runner.wait(job.id);
    expect(done.state).toBe('failed');
    expect(done.error).toEqual({ code: 'TOO_SMALL', message: 'The drive is too small.' });
  });

  it('ends failed with its result kept when the work says some of it failed', async () => {
    const { runner, updates } = setup();
    const job = runner.start('demo', 'Group', async (ctx) => {
      ctx.task('a', 'A').succeed();
      ctx.task('b', 'B').fail(new BenchtopError('TIMEOUT', 'B timed out.'));
      ctx.failWithResult(new BenchtopError('COMMAND_FAILED', '1 of 2 boards failed: B.'));
      return { boards: ['A', 'B'] };
    });
    const done = await runner.wait(job.id);
    expect(done).toMatchObject({
      state: 'failed',
      phase: 'failed',
      error: { code: 'COMMAND_FAILED', message: '1 of 2 boards failed: B.' },
      result: { boards: ['A', 'B'] },
    });
    expect(done.tasks.map((task) => task.state)).toEqual(['succeeded', 'failed']);
    expect(updates.at(-1)).toMatchObject({ state: 'failed', result: { boards: ['A', 'B'] } });
  });

  it('cancels a running job and marks its unfinished tasks cancelled', async () => {
    const { runner } = setup();
    const job = runner.start('demo', 'Long', async (ctx) => {
      const card = ctx.task('a', 'Card A');
      card.phase('flashing');
      await waitForAbort(ctx.signal);
      ctx.throwIfCancelled();
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    runner.cancel(job.id);
    const done = await runner.wait(job.id);
    expect(done.state).toBe('cancelled');
    expect(done.error?.code).toBe('CANCELLED');
    expect(done.tasks[0]?.state).toBe('cancelled');
  });

  it('lets one task fail while the others succeed', async () => {
    const { runner } = setup();
    const job = runner.start('demo', 'Three cards', async (ctx) => {
      const tasks = ['a', 'b', 'c'].map((id) => ctx.task(id, `Card ${id}`));
      tasks[0]?.succeed();
      tasks[1]?.fail(new BenchtopError('TARGET_LOST', 'Card b was pulled out.'));
      tasks[2]?.succeed();
    });
    const done = await runner.wait(job.id);
    expect(done.tasks.map((t) => t.state)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(done.tasks[1]?.error?.code).toBe('TARGET_LOST');
  });

  it('runs several jobs at once', async () => {
    const { runner } = setup();
    const gates: (() => void)[] = [];
    const jobs = [1, 2, 3].map((n) =>
      runner.start(
        'demo',
        `Job ${n}`,
        () => new Promise<number>((resolve) => gates.push(() => resolve(n))),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runner.list().filter((j) => j.state === 'running')).toHaveLength(3);
    gates.forEach((open) => open());
    const results = await Promise.all(jobs.map((j) => runner.wait(j.id)));
    expect(results.map((j) => j.result)).toEqual([1, 2, 3]);
  });

  it('refuses an unknown job id', () => {
    const { runner } = setup();
    expect(() => runner.get('missing')).toThrow(/no job/);
  });
});

describe('Speedometer', () => {
  it('measures units per second over its window', () => {
    const meter = new Speedometer(3000);
    expect(meter.sample(0, 0)).toBeUndefined();
    expect(meter.sample(1000, 1000)).toBe(1000);
    expect(meter.sample(3000, 2000)).toBe(1500);
  });

  it('forgets readings older than the window so a stall shows', () => {
    const meter = new Speedometer(1000);
    meter.sample(0, 0);
    meter.sample(1000, 500);
    meter.sample(1000, 1600);
    expect(meter.sample(1000, 2200)).toBe(0);
  });
});
