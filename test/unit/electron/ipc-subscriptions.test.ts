// SPDX-License-Identifier: Apache-2.0
// Main's IPC wiring and the preload's bridge, driven together through a stand-in for Electron's
// ipcMain/ipcRenderer (fake-ipc.ts): Electron cannot run on these machines.
import { describe, expect, it } from 'vitest';
import { wireIpc } from '../../../src/main/electron/ipc-wiring.js';
import { createPreloadBridge } from '../../../src/main/electron/preload-bridge.js';
import { EventBus } from '../../../src/main/contract/event-bus.js';
import { createClient, type ContractClient } from '../../../src/shared/client.js';
import { createIpcTransport } from '../../../src/shared/ipc-transport.js';
import { BenchtopError } from '../../../src/shared/errors.js';
import type { Job } from '../../../src/shared/jobs.js';
import { FakeIpcMain, FakeWindow } from './fake-ipc.js';

const pageUrl = 'file:///app/dist/renderer/index.html';
const noFiles = { getPathForFile: () => '' };

function setUp() {
  const bus = new EventBus();
  const gone: string[] = [];
  const main = new FakeIpcMain();
  wireIpc(
    main,
    {
      bus,
      dispatch: async (command) => {
        if (command === 'jobs.list') return [];
        throw new BenchtopError('UNKNOWN_COMMAND', `There is no command "${command}".`);
      },
      clientGone: async (clientId) => void gone.push(clientId),
    },
    pageUrl,
  );
  const open = (id: number, url = pageUrl): { window: FakeWindow; client: ContractClient } => {
    const window = new FakeWindow(main, id, url);
    const bridge = createPreloadBridge(window.ipcRenderer, noFiles);
    return { window, client: createClient(createIpcTransport(bridge)) };
  };
  return { bus, gone, open };
}

const data = (sessionId: string, seq: number) => ({ sessionId, seq, data: btoa(`chunk ${seq}`) });

const job = (id: string): Job => ({
  id,
  kind: 'demo',
  title: 'Counting',
  state: 'running',
  phase: 'counting',
  tasks: [],
  startedAt: new Date(0).toISOString(),
});

describe('Electron IPC subscriptions', () => {
  it('keeps the other console live when one of two in a window stops listening', () => {
    const { bus, open } = setUp();
    const { client } = open(1);
    const first: number[] = [];
    const second: number[] = [];
    const stopFirst = client.on('console.data', (e) => first.push(e.seq), { key: 's1' });
    client.on('console.data', (e) => second.push(e.seq), { key: 's1' });
    bus.emit('console.data', data('s1', 1));
    stopFirst();
    bus.emit('console.data', data('s1', 2));
    expect(first).toEqual([1]);
    expect(second).toEqual([1, 2]);
  });

  it('keeps a listener without a key when a keyed one of the same event goes', () => {
    const { bus, open } = setUp();
    const { client } = open(1);
    const all: string[] = [];
    client.on('console.data', (e) => all.push(e.sessionId));
    const stopKeyed = client.on('console.data', () => undefined, { key: 's1' });
    stopKeyed();
    bus.emit('console.data', data('s2', 1));
    expect(all).toEqual(['s2']);
  });

  it('sends a window only the sessions and jobs it subscribed to', () => {
    const { bus, open } = setUp();
    const sent: unknown[][] = [];
    const { window, client } = open(1);
    const send = window.send.bind(window);
    window.send = (channel, ...args) => {
      sent.push(args);
      send(channel, ...args);
    };
    const seen: string[] = [];
    client.on('console.data', (e) => seen.push(`data ${e.sessionId}`), { key: 's1' });
    client.on('job.update', (j) => seen.push(`job ${j.id}`), { key: 'j2' });
    bus.emit('console.data', data('s2', 1));
    bus.emit('console.data', data('s1', 1));
    bus.emit('job.update', job('j1'));
    bus.emit('job.update', job('j2'));
    bus.emit('drives.changed', []);
    expect(seen).toEqual(['data s1', 'job j2']);
    // Filtered in main, not in the window: nothing else crossed the IPC boundary.
    expect(sent.map(([event]) => event)).toEqual(['console.data', 'job.update']);
  });

  it('keeps windows apart, and forgets a window when it is destroyed', () => {
    const { bus, gone, open } = setUp();
    const a = open(1);
    const b = open(2);
    const seenA: number[] = [];
    const seenB: number[] = [];
    a.client.on('console.data', (e) => seenA.push(e.seq), { key: 's1' });
    b.client.on('console.data', (e) => seenB.push(e.seq), { key: 's1' });
    bus.emit('console.data', data('s1', 1));
    b.window.destroy();
    bus.emit('console.data', data('s1', 2));
    expect(seenA).toEqual([1, 2]);
    expect(seenB).toEqual([1]);
    expect(gone).toEqual(['ipc-2']);
  });

  it('ignores subscriptions and calls from a frame that is not our page', async () => {
    const { bus, open } = setUp();
    const { client } = open(1, 'https://example.invalid/');
    const seen: number[] = [];
    client.on('console.data', (e) => seen.push(e.seq));
    bus.emit('console.data', data('s1', 1));
    expect(seen).toEqual([]);
    await expect(client.call('jobs.list', {})).rejects.toThrow('This window may not call');
  });

  it('answers calls through the bridge', async () => {
    const { open } = setUp();
    const { client } = open(1);
    await expect(client.call('jobs.list', {})).resolves.toEqual([]);
    await expect(client.call('jobs.get', { jobId: 'x' })).rejects.toThrow('There is no command');
  });
});
