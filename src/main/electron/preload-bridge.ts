// SPDX-License-Identifier: Apache-2.0
// The bridge preload.ts exposes, built over anything shaped like Electron's ipcRenderer so a
// test can drive it (Electron itself cannot run on the build machines). It only forwards:
// which listeners want what is decided in shared code on the renderer's side.
import { IpcChannels, type BenchtopBridge, type IpcReply } from '../../shared/bridge.js';

type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: RendererListener): unknown;
  off(channel: string, listener: RendererListener): unknown;
}

/** The part of Electron's `webUtils` the bridge uses. */
export interface FilePaths {
  getPathForFile(file: File): string;
}

export function createPreloadBridge(ipc: IpcRendererLike, files: FilePaths): BenchtopBridge {
  return {
    call: (command, input) => ipc.invoke(IpcChannels.call, command, input) as Promise<IpcReply>,
    subscribe: (event, key) => ipc.send(IpcChannels.subscribe, event, key),
    unsubscribe: (event, key) => ipc.send(IpcChannels.unsubscribe, event, key),
    onEvent(listener) {
      const forward: RendererListener = (_, event, payload) => {
        if (typeof event === 'string') listener(event, payload);
      };
      ipc.on(IpcChannels.event, forward);
      return () => void ipc.off(IpcChannels.event, forward);
    },
    // Sandboxed pages no longer see File.path; Electron hands it out here, for drag-and-drop.
    pathForFile: (file) => files.getPathForFile(file as File),
  };
}
