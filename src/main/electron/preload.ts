// SPDX-License-Identifier: Apache-2.0
// A sandboxed preload can require only 'electron': the build bundles this file with the bridge
// it imports into one script (scripts/build-preload.js).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPreloadBridge } from './preload-bridge.js';

contextBridge.exposeInMainWorld('benchtop', createPreloadBridge(ipcRenderer, webUtils));
