// SPDX-License-Identifier: Apache-2.0
// The CLI's bars end as the job did: a card that succeeded full, not "0% succeeded".
import { describe, expect, it } from 'vitest';
import { barOf, type Row } from '../../../src/main/cli/follow-job.js';

const row = (more: Partial<Row>): Row => ({
  key: 'k',
  label: '/dev/loop1',
  state: 'running',
  phase: 'writing',
  progress: undefined,
  ...more,
});

describe('CLI job bars', () => {
  it('shows a running part with its progress, speed and ETA', () => {
    const bar = barOf(
      row({ progress: { done: 50, total: 200, unit: 'bytes', speed: 10, eta: 15 } }),
    );
    expect(bar).toMatchObject({ value: 50, total: 200, phase: 'writing' });
    expect(bar.detail).toContain('ETA');
  });

  it('ends full when the part succeeded, even after a phase without a total', () => {
    expect(barOf(row({ state: 'succeeded', phase: 'succeeded' }))).toEqual({
      value: 100,
      total: 100,
      phase: 'succeeded',
      detail: '',
    });
    expect(
      barOf(row({ state: 'succeeded', progress: { done: 10, total: 400, unit: 'bytes' } })).value,
    ).toBe(400);
  });

  it('ends where it stopped when it failed or was cancelled, without speed or ETA', () => {
    expect(
      barOf(
        row({
          state: 'failed',
          phase: 'failed',
          progress: { done: 30, total: 120, unit: 'bytes', speed: 5, eta: 18 },
        }),
      ),
    ).toEqual({ value: 30, total: 120, phase: 'failed', detail: '' });
  });
});
