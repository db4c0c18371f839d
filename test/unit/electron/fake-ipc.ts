// SPDX-License-Identifier: Apache-2.0
// Electron cannot run on these machines (no binary can be fetched), so main's IPC wiring and
// the preload's bridge are driven against this stand-in: one ipcMain and one window's
// ipcRenderer joined the way Electron joins them, with payloads structured-cloned as IPC does.
import type {
  IpcMainEventLike,
  IpcMainLike,
  IpcSender,
} from '../../../src/main/electron/ipc-wiring.js';
import type { IpcRendererLike } from '../../../src/main/electron/preload-bridge.js';

type MainListener = (event: IpcMainEventLike, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, MainListener>();
  readonly listeners = new Map<string, MainListener[]>();

  handle(channel: string, listener: MainListener): void {
    this.handlers.set(channel, listener);
  }

  on(channel: string, listener: MainListener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
}

/** One window: its WebContents as main sees it, and its ipcRenderer. */
export class FakeWindow implements IpcSender {
  private readonly rendererListeners = new Map<string, Set<RendererListener>>();
  private readonly onDestroyed: (() => void)[] = [];
  readonly ipcRenderer: IpcRendererLike;

  constructor(
    private readonly main: FakeIpcMain,
    readonly id: number,
    private readonly url: string,
  ) {
    const event = (): IpcMainEventLike => ({ sender: this, senderFrame: { url: this.url } });
    this.ipcRenderer = {
      invoke: async (channel, ...args) => {
        const handler = this.main.handlers.get(channel);
        if (!handler) throw new Error(`No handler for ${channel}`);
        return structuredClone(await handler(event(), ...structuredClone(args)));
      },
      send: (channel, ...args) => {
        for (const listener of this.main.listeners.get(channel) ?? [])
          listener(event(), ...structuredClone(args));
      },
      on: (channel, listener) => {
        const set = this.rendererListeners.get(channel) ?? new Set();
        set.add(listener);
        this.rendererListeners.set(channel, set);
      },
      off: (channel, listener) => this.rendererListeners.get(channel)?.delete(listener),
    };
  }

  /** WebContents.send: main to this window. */
  send(channel: string, ...args: unknown[]): void {
    for (const listener of this.rendererListeners.get(channel) ?? [])
      listener({}, ...structuredClone(args));
  }

  once(_event: 'destroyed', listener: () => void): this {
    this.onDestroyed.push(listener);
    return this;
  }

  destroy(): void {
    for (const listener of this.onDestroyed.splice(0)) listener();
  }
}
