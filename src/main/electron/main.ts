// SPDX-License-Identifier: Apache-2.0
// The desktop shell: a window, the contract over IPC, and a loopback server so the CLI can
// attach to the app's live state. Everything else lives in the engine, which runs without us.
import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toErrorInfo } from '../../shared/errors.js';
import { keepServingOnUnhandledRejection } from '../app/keep-serving.js';
import { packageRoot, rendererDir } from '../app/package-root.js';
import { createEngine } from '../engine.js';
import { startServer, type RunningServer } from '../server/http-server.js';
import { removeServerState, writeServerState } from '../server/server-state-file.js';
import { wireIpc } from './ipc-wiring.js';

const indexHtml = join(rendererDir, 'index.html');
const indexUrl = pathToFileURL(indexHtml).href;
keepServingOnUnhandledRejection();
const engine = createEngine({ host: 'electron' });
let server: RunningServer | undefined;

wireIpc(ipcMain, engine, indexUrl);

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
