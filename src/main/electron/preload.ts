// SPDX-License-Identifier: Apache-2.0
// Sandboxed preloads can require only 'electron': this file stands alone, typed against the
// shared bridge so the channel names cannot drift.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { BenchtopBridge, IpcChannels as Channels, IpcReply } from '../../shared/bridge';

const IpcChannels: typeof Channels = {
  call: 'benchtop:call',
  subscribe: 'benchtop:subscribe',
  unsubscribe: 'benchtop:unsubscribe',
  event: 'benchtop:event',
};

const bridge: BenchtopBridge = {
  call: (command, input) =>
    ipcRenderer.invoke(IpcChannels.call, command, input) as Promise<IpcReply>,
  subscribe(event, listener) {
    const handler = (_: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IpcChannels.event, handler);
    ipcRenderer.send(IpcChannels.subscribe, event);
    return () => {
      ipcRenderer.off(IpcChannels.event, handler);
      ipcRenderer.send(IpcChannels.unsubscribe, event);
    };
  },
  // Sandboxed pages no longer see File.path; Electron hands it out here, for drag-and-drop.
  pathForFile: (file) => webUtils.getPathForFile(file as File),
};

contextBridge.exposeInMainWorld('benchtop', bridge);
