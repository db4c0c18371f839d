// SPDX-License-Identifier: Apache-2.0
// What stays in view while a flash runs, and how long a toast stays.
import { describe, expect, it } from 'vitest';
import { jobSummary } from '../../../src/renderer/panes/flash/job-summary.js';
import { toastLifetimeMs } from '../../../src/renderer/components/toast-policy.js';
import type { Job } from '../../../src/shared/jobs.js';

const job = (tasks: Job['tasks']): Job => ({
  id: 'j',
  kind: 'flash.start',
  title: 'Flash 2 cards',
  state: 'running',
  phase: 'writing',
  tasks,
  startedAt: '',
});

describe('the running flash in view', () => {
  it("says the phase and the cards' mean progress, and how many failed", () => {
    expect(
      jobSummary(
        job([
          {
            id: 'a',
            label: 'a',
            state: 'running',
            phase: 'writing',
            progress: { done: 25, total: 100, unit: 'bytes' },
          },
          {
            id: 'b',
            label: 'b',
            state: 'failed',
            phase: 'failed',
            progress: { done: 75, total: 100, unit: 'bytes' },
          },
        ]),
      ),
    ).toBe('Flashing 2 cards: writing 50% (1 failed)');
    expect(jobSummary(job([{ id: 'a', label: 'a', state: 'running', phase: 'waiting' }]))).toBe(
      'Flashing 1 card: writing',
    );
  });

  it('lets toasts leave by themselves, errors excepted', () => {
    expect(toastLifetimeMs('success')).toBe(6000);
    expect(toastLifetimeMs('info')).toBe(6000);
    expect(toastLifetimeMs('error')).toBeUndefined();
  });
});
