// SPDX-License-Identifier: Apache-2.0
// Roles on the real `benchtop serve`: every command above a viewer's role is refused to a
// viewer over the raw API, and every admin command to an operator; the lists come from the
// contract, so a command added later is covered without touching this file. Users are added
// and revoked with the real CLI, attached to the serve through `--home`.
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUsersStore } from '../../src/main/users/index.js';
import { commands } from '../../src/shared/contract/index.js';
import { WS_SUBPROTOCOL, WS_TOKEN_PREFIX } from '../../src/shared/protocol.js';
import { roleAllows, type Role } from '../../src/shared/roles.js';
import { runCli } from '../support/benchtop-cli.js';
import { startServe, tempHome, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

const needing = (role: Role) =>
  Object.entries(commands)
    .filter(([, spec]) => !roleAllows(role, spec.role))
    .map(([name, spec]) => ({ name, needs: spec.role }));

describe('roles on benchtop serve', () => {
  let serve: ServeProcess;
  let home: string;
  const tokens: Record<string, string> = {};

  /** `benchtop users …` run from an unrelated home, pointed at the serve's with --home. */
  const users = (...args: string[]) => runCli(['users', ...args, '--home', home], tempHome());
  const addUser = async (name: string, role: Role): Promise<string> => {
    const run = await users('add', name, '--role', role, '--json');
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { token: string }).token;
  };
  const post = async (command: string, token: string, body: unknown = {}) => {
    const response = await fetch(`${serve.origin}/api/${command}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    home = tempHome();
    serve = await startServe({ home });
    tokens['viewer'] = await addUser('vera', 'viewer');
    tokens['operator'] = await addUser('otto', 'operator');
    tokens['admin'] = await addUser('ada', 'admin');
  });
  afterAll(() => serve.stop());

  it('covers commands of each role (the lists below are not empty)', () => {
    expect(needing('viewer').length).toBeGreaterThan(10);
    expect(needing('operator').length).toBeGreaterThan(2);
  });

  it.each(needing('viewer'))(
    'refuses $name to a viewer with 403 naming the $needs role',
    async ({ name, needs }) => {
      const reply = await post(name, tokens['viewer'] ?? '');
      expect(reply.status).toBe(403);
      expect(reply.body['error']).toMatchObject({
        code: 'FORBIDDEN',
        message: `${name} needs the ${needs} role; vera is a viewer on this bench.`,
      });
    },
  );

  it.each(needing('operator'))(
    'refuses $name to an operator with 403 naming the admin role',
    async ({ name }) => {
      const reply = await post(name, tokens['operator'] ?? '');
      expect(reply.status).toBe(403);
      expect(reply.body['error']).toMatchObject({
        code: 'FORBIDDEN',
        message: `${name} needs the admin role; otto is an operator on this bench.`,
      });
    },
  );

  it('lets each role through to what it may do, and says who the caller is', async () => {
    expect(await post('app.whoami', tokens['viewer'] ?? '')).toEqual({
      status: 200,
      body: { result: { user: 'vera', role: 'viewer', owner: false } },
    });
    // Past the check, the operator meets the missing job: the refusal was the role's alone.
    const cancel = await post('jobs.cancel', tokens['operator'] ?? '', { jobId: 'none' });
    expect(cancel.status).toBe(404);
    const list = await post('users.list', tokens['admin'] ?? '');
    expect(list.status).toBe(200);
    expect(list.body['result']).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'vera', role: 'viewer' })]),
    );
    const owner = await post('app.whoami', serve.token);
    expect(owner.body['result']).toMatchObject({ role: 'admin', owner: true });
  });

  it('refuses a viewer typing into a console and exec over the WebSocket', async () => {
    const client = await connectWs(serve.port, tokens['viewer'] ?? '');
    await expect(
      client.call('console.write', { sessionId: 'any', data: 'reboot\n' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('operator') as string,
    });
    await expect(
      client.call('console.exec', { path: '/dev/ttyS0', command: 'reboot' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      client.call('shell.exec', { board: 'any', command: 'reboot' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Watching stays open to a viewer.
    await expect(client.call('console.list', {})).resolves.toEqual([]);
  });

  /** A raw WebSocket of a user, to see when and how the serve closes it. */
  const openSocket = async (token: string) => {
    const socket = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, [
      WS_SUBPROTOCOL,
      `${WS_TOKEN_PREFIX}${token}`,
    ]);
    const closed = { code: 0 };
    socket.on('close', (code) => (closed.code = code));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return { socket, closed };
  };

  it('closes a revoked user’s open WebSocket at once, and refuses their token after', async () => {
    const token = await addUser('rita', 'operator');
    const { socket, closed } = await openSocket(token);
    const revoke = await users('revoke', 'rita', '--json');
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(JSON.parse(revoke.stdout)).toMatchObject({ name: 'rita', via: 'server' });
    await vi.waitFor(() => expect(socket.readyState).toBe(WebSocket.CLOSED));
    expect(closed.code).toBe(4003);
    expect((await post('app.whoami', token)).status).toBe(401);
  });

  it('closes a user’s WebSocket when another process revokes them in the users file', async () => {
    const token = await addUser('sam', 'viewer');
    const { socket } = await openSocket(token);
    await createUsersStore(join(home, 'users.json')).revoke('sam');
    await vi.waitFor(() => expect(socket.readyState).toBe(WebSocket.CLOSED));
  });
});
