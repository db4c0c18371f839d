// SPDX-License-Identifier: Apache-2.0
// The contract over Electron IPC, main's side: calls go to the engine, each window gets the
// events it subscribed to (with the engine-side table every transport shares). It takes
// anything shaped like Electron's ipcMain so that a test can drive it without Electron.
import { IpcChannels, type IpcReply } from '../../shared/bridge.js';
import { toErrorInfo } from '../../shared/errors.js';
import { ClientTopics } from '../../shared/subscriptions.js';
import type { Engine } from '../engine.js';
import { localOwner } from '../contract/local-owner.js';

/** The part of Electron's WebContents used here: who sent a message, and how to answer. */
export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcMainEventLike {
  readonly sender: IpcSender;
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  on(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): unknown;
}

const optionalKey = (key: unknown): string | undefined | null =>
  key === undefined || key === null ? undefined : typeof key === 'string' ? key : null;

/**
 * Wires the contract to ipcMain. Only frames showing `trustedUrl` (our own page) may call or
 * subscribe; a navigated or injected frame is ignored. Returns the removal of the event feed.
 */
export function wireIpc(
  ipcMain: IpcMainLike,
  engine: Pick<Engine, 'dispatch' | 'bus' | 'clientGone'>,
  trustedUrl: string,
): () => void {
  const clients = new Map<number, { sender: IpcSender; topics: ClientTopics }>();
  const isTrusted = (event: IpcMainEventLike): boolean =>
    event.senderFrame !== null && event.senderFrame.url.split('#')[0] === trustedUrl;
  const clientId = (sender: IpcSender): string => `ipc-${sender.id}`;

  const topicsOf = (sender: IpcSender): ClientTopics => {
    let client = clients.get(sender.id);
    if (!client) {
      client = { sender, topics: new ClientTopics() };
      clients.set(sender.id, client);
      sender.once('destroyed', () => {
        clients.delete(sender.id);
        void engine.clientGone(clientId(sender));
      });
    }
    return client.topics;
  };

  ipcMain.handle(IpcChannels.call, async (event, command, input): Promise<IpcReply> => {
    if (!isTrusted(event) || typeof command !== 'string') {
      return {
        ok: false,
        error: { code: 'FORBIDDEN_ORIGIN', message: 'This window may not call Benchtop.' },
      };
    }
    try {
      // The window is the desktop user's own: they own the bench it runs.
      const context = {
        transport: 'ipc',
        clientId: clientId(event.sender),
        caller: localOwner(),
      } as const;
      return { ok: true, result: await engine.dispatch(command, input, context) };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  });
  ipcMain.on(IpcChannels.subscribe, (event, name, key) => {
    const topicKey = optionalKey(key);
    if (!isTrusted(event) || typeof name !== 'string' || topicKey === null) return;
    topicsOf(event.sender).add({ event: name, key: topicKey });
  });
  ipcMain.on(IpcChannels.unsubscribe, (event, name, key) => {
    const topicKey = optionalKey(key);
    if (typeof name !== 'string' || topicKey === null) return;
    clients.get(event.sender.id)?.topics.delete({ event: name, key: topicKey });
  });
  return engine.bus.onAny((name, payload) => {
    for (const { sender, topics } of clients.values()) {
      if (topics.wants(name, payload)) sender.send(IpcChannels.event, name, payload);
    }
  });
}
