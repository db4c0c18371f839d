// SPDX-License-Identifier: Apache-2.0
// The push service through the engine's one door, on what needs no board.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/main/engine.js';
import { commands } from '../../../src/shared/contract/index.js';
import { localOwner } from '../../../src/main/contract/local-owner.js';

const engine = createEngine({ host: 'cli' });
afterAll(() => engine.dispose());
const local = { transport: 'local', clientId: 'test', caller: localOwner() } as const;
const fixture = fileURLToPath(new URL('../../fixtures/push/cern', import.meta.url));

describe('push service (engine wiring)', () => {
  it('inspects a project without a board for generic amd64, templates resolved', async () => {
    const summary = commands['push.inspect'].result.parse(
      await engine.dispatch('push.inspect', { source: fixture }, local),
    );
    expect(summary.target).toEqual({ arch: 'amd64', deviceType: 'generic-amd64' });
    expect(summary.services.map((s) => s.name).sort()).toEqual([
      'data',
      'frontend',
      'hello',
      'proxy',
    ]);
    const proxy = summary.services.find((s) => s.name === 'proxy');
    expect(proxy?.build?.templateValues.RESIN_MACHINE_NAME).toBe('generic-amd64');
    expect(proxy?.build?.dockerfileText).toContain('ENV MACHINE_NAME=generic-amd64');
  });

  it('takes the device type given for the template values', async () => {
    const summary = commands['push.inspect'].result.parse(
      await engine.dispatch('push.inspect', { source: fixture, deviceType: 'qemux86-64' }, local),
    );
    expect(summary.target.deviceType).toBe('qemux86-64');
  });

  it('refuses logs.follow over one-shot HTTP before reaching any board', async () => {
    await expect(
      engine.dispatch(
        'logs.follow',
        { board: '10.231.0.99' },
        { transport: 'http', clientId: 'h', caller: localOwner() },
      ),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });

  it('says so when asked to stop a stream it does not have', async () => {
    expect(await engine.dispatch('logs.stop', { streamId: 'none' }, local)).toEqual({
      stopped: false,
    });
  });
});
