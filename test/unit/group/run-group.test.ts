// SPDX-License-Identifier: Apache-2.0
import { localOwner } from '../../../src/main/contract/local-owner.js';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/contract/event-bus.js';
import { startGroup } from '../../../src/main/group/run-group.js';
import { JobRunner } from '../../../src/main/jobs/job-runner.js';
import type { GroupBoardResult } from '../../../src/shared/contract/index.js';
import { jobResult } from '../../../src/shared/job-result.js';

function group(exits: Record<string, number>) {
  const bus = new EventBus();
  const jobs = new JobRunner(bus);
  const heard: GroupBoardResult[] = [];
  bus.on('group.board', ({ result }) => heard.push(result));
  const { jobId } = startGroup(
    { bus, jobs },
    {
      kind: 'group.exec',
      doing: 'Run "check"',
      members: Object.keys(exits).map((name) => ({ name })),
      concurrency: 2,
      timeoutMs: 5000,
      summary: { action: 'exec', command: 'check', over: { kind: 'ssh' } },
      work: async (member) => ({ output: `${member.name}\n`, status: exits[member.name] ?? 0 }),
    },
    { transport: 'local', clientId: 'test', caller: localOwner() },
  );
  return { done: jobs.wait(jobId), heard };
}

describe('a group job', () => {
  it('succeeds when every board did', async () => {
    const job = await group({ a: 0, b: 0 }).done;
    expect(job.state).toBe('succeeded');
    expect(job.error).toBeUndefined();
    expect(jobResult('group.exec', job)).toMatchObject({ succeeded: 2, failed: 0 });
  });

  it('ends failed, naming the boards that failed, and keeps every board’s result', async () => {
    const { done, heard } = group({ a: 0, b: 1, c: 0, d: 2 });
    const job = await done;
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({
      code: 'COMMAND_FAILED',
      message: '2 of 4 boards failed: b, d.',
    });
    const result = jobResult('group.exec', job);
    expect(result).toMatchObject({ succeeded: 2, failed: 2 });
    expect(result.boards.map((b) => [b.board, b.ok, b.status])).toEqual([
      ['a', true, 0],
      ['b', false, 1],
      ['c', true, 0],
      ['d', false, 2],
    ]);
    expect(job.tasks.map((task) => task.state)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
      'failed',
    ]);
    expect(heard.map((b) => b.board).sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
