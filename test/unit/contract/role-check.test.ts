// SPDX-License-Identifier: Apache-2.0
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/main/engine.js';
import type { CallContext } from '../../../src/main/contract/handlers.js';
import { commands } from '../../../src/shared/contract/index.js';
import { ROLES, type Role } from '../../../src/shared/roles.js';

const engine = createEngine({ host: 'cli' });
afterAll(() => engine.dispose());

const as = (role: Role, user = `${role}-user`): CallContext => ({
  transport: 'local',
  clientId: 'test',
  caller: { user, role, owner: false },
});

describe('the role check at the engine’s door', () => {
  it('gives every command of the contract one of the roles', () => {
    for (const [name, spec] of Object.entries(commands)) {
      expect(ROLES, name).toContain(spec.role);
    }
  });

  it('refuses a viewer typing into a console, naming the command, the role and theirs', async () => {
    await expect(
      engine.dispatch('console.write', { sessionId: 's', data: 'reboot\n' }, as('viewer', 'vera')),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'console.write needs the operator role; vera is a viewer on this bench.',
    });
  });

  it('refuses before reading the input, so a refusal says nothing about it', async () => {
    await expect(engine.dispatch('flash.start', {}, as('operator'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('needs the admin role') as string,
    });
  });

  it('lets a role do what an earlier role may', async () => {
    const whoami = await engine.dispatch('app.whoami', {}, as('admin', 'ada'));
    expect(whoami).toEqual({ user: 'ada', role: 'admin', owner: false });
    await expect(engine.dispatch('jobs.list', {}, as('viewer'))).resolves.toEqual([]);
  });

  it('asks more of an input that does more: closing a console for everyone', async () => {
    await expect(
      engine.dispatch('console.close', { sessionId: 'none', force: true }, as('viewer')),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('operator') as string,
    });
    // Without force the viewer passes the check and meets the missing session.
    await expect(
      engine.dispatch('console.close', { sessionId: 'none' }, as('viewer')),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a viewer a console opened with a log file on the host', async () => {
    await expect(
      engine.dispatch('console.open', { path: '/dev/null', logFile: '/tmp/x.log' }, as('viewer')),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
