// SPDX-License-Identifier: Apache-2.0
// Following a console and a job, as every face does, over the in-process transport.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/contract/event-bus.js';
import { createLocalTransport } from '../../../src/main/contract/local-transport.js';
import { createClient } from '../../../src/shared/client.js';
import { followConsole } from '../../../src/shared/follow-console.js';
import { followJob } from '../../../src/shared/follow-job.js';
import type { Job } from '../../../src/shared/jobs.js';

const chunk = (sessionId: string, seq: number) => ({ sessionId, seq, data: btoa(String(seq)) });

describe('followConsole', () => {
  it('shows the history, drops chunks it covers, skips other sessions and says where chunks went missing', async () => {
    const bus = new EventBus();
    const client = createClient(
      createLocalTransport(async (command) => {
        if (command !== 'console.history') throw new Error(command);
        // Chunks 4 and 5 arrive while the history is on its way; it covers up to 4.
        bus.emit('console.data', chunk('s1', 4));
        bus.emit('console.data', chunk('s1', 5));
        return { data: btoa('history'), seq: 4 };
      }, bus),
    );
    const seen: string[] = [];
    const follow = followConsole(client, 's1', {
      history: (data) => seen.push(atob(data)),
      data: (data) => seen.push(atob(data)),
      gap: (missing) => seen.push(`gap ${missing}`),
    });
    await follow.ready;
    bus.emit('console.data', chunk('s2', 6));
    bus.emit('console.data', chunk('s1', 8));
    follow.stop();
    bus.emit('console.data', chunk('s1', 9));
    expect(seen).toEqual(['history', '5', 'gap 2', '8']);
  });
});

describe('followJob', () => {
  const job = (id: string, state: Job['state'], phase: string): Job => ({
    id,
    kind: 'demo',
    title: 'Counting',
    state,
    phase,
    tasks: [],
    startedAt: new Date(0).toISOString(),
  });

  it('follows only its own job, from the snapshot to the end', async () => {
    const bus = new EventBus();
    const client = createClient(
      createLocalTransport(async (command) => {
        if (command === 'jobs.get') return job('j1', 'running', 'starting');
        throw new Error(command);
      }, bus),
    );
    const phases: string[] = [];
    const ended = followJob(
      client,
      async () => ({ jobId: 'j1' }),
      (j) => phases.push(`${j.id} ${j.phase}`),
    );
    await new Promise((resolve) => setImmediate(resolve));
    bus.emit('job.update', job('j2', 'running', 'other'));
    bus.emit('job.update', job('j1', 'succeeded', 'done'));
    bus.emit('job.update', job('j1', 'running', 'late'));
    await expect(ended).resolves.toMatchObject({ id: 'j1', state: 'succeeded' });
    expect(phases).toEqual(['j1 starting', 'j1 done']);
  });
});
