// SPDX-License-Identifier: Apache-2.0
// The supervisor client against a FAKE balena-supervisor (test/support/fake-supervisor.ts):
// the real one cannot run here.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SupervisorClient, supervisorBaseUrl } from '../../../src/main/push/supervisor/index.js';
import { FakeSupervisor } from '../../support/fake-supervisor.js';

let fake: FakeSupervisor;
beforeEach(async () => {
  fake = await FakeSupervisor.start();
});
afterEach(async () => {
  await fake.stop();
});

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('supervisor client (fake balena-supervisor)', () => {
  it('pings and reads device-info and the target state in their documented shapes', async () => {
    const client = new SupervisorClient(fake.address);
    await expect(client.ping()).resolves.toBeUndefined();
    await expect(client.deviceInfo()).resolves.toEqual({
      status: 'success',
      info: { arch: 'amd64', deviceType: 'generic-amd64' },
    });
    await expect(client.targetState()).resolves.toMatchObject({
      local: { name: 'bench-board', config: { SUPERVISOR_LOCAL_MODE: '1' } },
    });
    await expect(client.status()).resolves.toMatchObject({ appState: 'applied', containers: [] });
  });

  it('says no supervisor answers when the port is closed (board off)', async () => {
    const client = new SupervisorClient(`127.0.0.1:${await closedPort()}`);
    await expect(client.ping()).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringMatching(
        /No balena supervisor answers on 127\.0\.0\.1:\d+ \(connection refused\).*development image/,
      ) as unknown,
    });
  });

  it('gives up on a silent address at its deadline instead of retrying', async () => {
    fake.silent = true;
    const client = new SupervisorClient(fake.address, { timeoutMs: 300 });
    await expect(client.targetState()).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringContaining('no answer within 0.3 s') as unknown,
    });
    expect(fake.requests).toEqual(['GET /v2/local/target-state']);
  });

  it('tells a cloud-managed board (401 on v2) from one that is off', async () => {
    fake.mode = 'cloud-managed';
    const client = new SupervisorClient(fake.address);
    await expect(client.ping()).resolves.toBeUndefined();
    await expect(client.targetState()).rejects.toMatchObject({
      code: 'NOT_LOCAL_MODE',
      message: expect.stringMatching(
        /HTTP 401.*managed by balenaCloud and is not in local mode/,
      ) as unknown,
    });
    await expect(client.status()).rejects.toMatchObject({ code: 'NOT_LOCAL_MODE' });
  });

  it('says a board is not in local mode when POST answers 400, and how to turn it on', async () => {
    fake.mode = 'not-local-mode';
    const client = new SupervisorClient(fake.address);
    await expect(client.setTargetState({ local: {} })).rejects.toMatchObject({
      code: 'NOT_LOCAL_MODE',
      message: expect.stringMatching(
        /is not in local mode.*can only set when device is in local mode.*Turn local mode on/,
      ) as unknown,
    });
  });

  it('reports any other 400 as the supervisor refusing the target state, in its words', async () => {
    const client = new SupervisorClient(fake.address);
    await expect(client.setTargetState({ local: { apps: {} } })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringContaining('refused the target state: Invalid target state') as unknown,
    });
  });

  it('refuses an answer that is not a supervisor’s', async () => {
    const client = new SupervisorClient(fake.address);
    fake.state = { nothing: true } as unknown as typeof fake.state;
    await expect(client.targetState()).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});

describe('supervisor address', () => {
  it('adds the supervisor port unless one is given, and brackets IPv6', () => {
    expect(supervisorBaseUrl('10.231.0.2')).toBe('http://10.231.0.2:48484');
    expect(supervisorBaseUrl('board.local')).toBe('http://board.local:48484');
    expect(supervisorBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(supervisorBaseUrl('fe80::1')).toBe('http://[fe80::1]:48484');
    expect(supervisorBaseUrl('[::1]:5000')).toBe('http://[::1]:5000');
    expect(() => supervisorBaseUrl('board:99999')).toThrow(/not a port number/);
  });
});
