// SPDX-License-Identifier: Apache-2.0
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/shared/client.js';
import { createLocalTransport } from '../../../src/main/contract/local-transport.js';
import { createEngine } from '../../../src/main/engine.js';
import { commands } from '../../../src/shared/contract/index.js';
import { localOwner } from '../../../src/main/contract/local-owner.js';

const engine = createEngine({ host: 'cli' });
const context = { transport: 'local', clientId: 'test', caller: localOwner() } as const;
afterAll(() => engine.dispose());

describe('dispatch', () => {
  it('answers a declared command with a result that fits its schema', async () => {
    const info = await engine.dispatch('app.info', {}, context);
    expect(commands['app.info'].result.parse(info)).toMatchObject({
      name: 'benchtop',
      host: 'cli',
    });
  });

  it('refuses an unknown command by name', async () => {
    await expect(engine.dispatch('no.such', {}, context)).rejects.toMatchObject({
      code: 'UNKNOWN_COMMAND',
      message: expect.stringContaining('no.such') as string,
    });
  });

  it('refuses input that fails the schema and names the field', async () => {
    await expect(engine.dispatch('jobs.get', { jobId: 42 }, context)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('jobId') as string,
    });
    await expect(engine.dispatch('app.info', { extra: true }, context)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('reports a missing job as NOT_FOUND', async () => {
    await expect(engine.dispatch('jobs.get', { jobId: 'nope' }, context)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('gives the typed client the same answers as dispatch', async () => {
    const client = createClient(createLocalTransport(engine.dispatch, engine.bus));
    const job = engine.jobs.start('flash.start', 'A job', async () => ({
      cards: [],
      bytesWritten: 0,
      sparse: false,
    }));
    const listed = await client.call('jobs.list', {});
    expect(listed.map((j) => j.id)).toContain(job.id);
  });
});

describe('contract', () => {
  it('declares every command with a description and schemas', () => {
    for (const [name, spec] of Object.entries(commands)) {
      expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
      expect(spec.description.length).toBeGreaterThan(5);
      expect(typeof spec.input.safeParse).toBe('function');
      expect(typeof spec.result.safeParse).toBe('function');
    }
  });
});
