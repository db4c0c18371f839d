// SPDX-License-Identifier: Apache-2.0
// Choosing how a push runs a release, against a FAKE balena-supervisor
// (test/support/fake-supervisor.ts): the real one cannot run here.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { detectRunPath } from '../../../src/main/push/supervisor/index.js';
import { FakeSupervisor } from '../../support/fake-supervisor.js';

/** An address where nothing answers on the supervisor's port. */
async function silentAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

const names = (...list: string[]) => {
  const calls: number[] = [];
  return { calls, list: async () => (calls.push(1), list) };
};

describe('run path (fake balena-supervisor)', () => {
  it('goes through the supervisor when it answers, without asking the engine', async () => {
    const fake = await FakeSupervisor.start();
    const engine = names('balena_supervisor');
    await expect(detectRunPath(fake.address, { listContainerNames: engine.list })).resolves.toBe(
      'supervisor',
    );
    expect(engine.calls).toEqual([]);
    await fake.stop();
  });

  it('goes through the supervisor even when it is cloud-managed, so the deploy can refuse', async () => {
    const fake = await FakeSupervisor.start();
    fake.mode = 'cloud-managed';
    await expect(detectRunPath(fake.address, { listContainerNames: names().list })).resolves.toBe(
      'supervisor',
    );
    await fake.stop();
  });

  it('uses the plain engine when no supervisor answers and none runs there', async () => {
    const engine = names('/bench_web_1', '/benchtop-proxy');
    await expect(
      detectRunPath(await silentAddress(), { listContainerNames: engine.list }),
    ).resolves.toBe('engine');
    expect(engine.calls).toHaveLength(1);
  });

  it.each(['/balena_supervisor', 'resin_supervisor'])(
    'refuses a board whose engine runs %s while its API does not answer',
    async (name) => {
      await expect(
        detectRunPath(await silentAddress(), { listContainerNames: names('/web', name).list }),
      ).rejects.toMatchObject({
        code: 'UNREACHABLE',
        message: expect.stringMatching(
          /runs a balena supervisor \(container (balena|resin)_supervisor\).*does not answer\. Benchtop will not start containers beside it/,
        ) as unknown,
      });
    },
  );
});
