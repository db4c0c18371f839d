// SPDX-License-Identifier: Apache-2.0
// The desktop shell: a window, the contract over IPC, and a loopback server so the CLI can
// attach to the app's live state. Everything else lives in the engine, which runs without us.
import {
  app,
  BrowserWindow,
  ipcMain,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IpcChannels, type IpcReply } from '../../shared/bridge.js';
import { isEventName } from '../../shared/contract/index.js';
import { toErrorInfo } from '../../shared/errors.js';
import { keepServingOnUnhandledRejection } from '../app/keep-serving.js';
import { packageRoot, rendererDir } from '../app/package-root.js';
import { createEngine } from '../engine.js';
import { startServer, type RunningServer } from '../server/http-server.js';
import { removeServerState, writeServerState } from '../server/server-state-file.js';

const indexHtml = join(rendererDir, 'index.html');
const indexUrl = pathToFileURL(indexHtml).href;
keepServingOnUnhandledRejection();
const engine = createEngine({ host: 'electron' });
const subscriptions = new Map<number, Set<string>>();
let server: RunningServer | undefined;

/** Only our own page may speak the contract; a navigated or injected frame is ignored. */
function isTrusted(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.url.split('#')[0] === indexUrl;
}

function subscriptionsOf(contents: WebContents): Set<string> {
  let set = subscriptions.get(contents.id);
  if (!set) {
    set = new Set();
    subscriptions.set(contents.id, set);
    contents.once('destroyed', () => {
      subscriptions.delete(contents.id);
      void engine.clientGone(`ipc-${contents.id}`);
    });
  }
  return set;
}

ipcMain.handle(
  IpcChannels.call,
  async (event, command: unknown, input: unknown): Promise<IpcReply> => {
    if (!isTrusted(event) || typeof command !== 'string') {
      return {
        ok: false,
        error: { code: 'FORBIDDEN_ORIGIN', message: 'This window may not call Benchtop.' },
      };
    }
    try {
      const result = await engine.dispatch(command, input, {
        transport: 'ipc',
        clientId: `ipc-${event.sender.id}`,
      });
      return { ok: true, result };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  },
);
ipcMain.on(IpcChannels.subscribe, (event, name: unknown) => {
  if (isTrusted(event) && typeof name === 'string' && isEventName(name))
    subscriptionsOf(event.sender).add(name);
});
ipcMain.on(IpcChannels.unsubscribe, (event, name: unknown) => {
  if (typeof name === 'string') subscriptions.get(event.sender.id)?.delete(name);
});
engine.bus.onAny((name, payload) => {
  for (const window of BrowserWindow.getAllWindows()) {
    if (subscriptions.get(window.webContents.id)?.has(name))
      window.webContents.send(IpcChannels.event, name, payload);
  }
});

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Benchtop',
    show: false,
    webPreferences: {
      preload: join(packageRoot, 'dist', 'preload', 'main', 'electron', 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  void window.loadFile(indexHtml);
}

app.on('web-contents-created', (_, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app
  .whenReady()
  .then(async () => {
    createWindow();
    server = await startServer({ engine, staticDir: rendererDir });
    await writeServerState({
      pid: process.pid,
      host: server.host,
      port: server.port,
      token: server.token,
    });
  })
  .catch((error: unknown) => {
    process.stderr.write(`benchtop: ${toErrorInfo(error).message}\n`);
  });

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  void removeServerState(process.pid);
  void server?.close();
  void engine.dispose();
});
