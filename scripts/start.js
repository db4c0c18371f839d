// SPDX-License-Identifier: Apache-2.0
// `npm start`: the desktop window where Electron can run; otherwise say why and serve the
// same UI to a browser instead, rather than hanging on a download that cannot happen.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * The binary Electron's installer would have put in place. Not `require('electron')`: since
 * Electron 45 that starts a download when the binary is missing, which cannot work offline.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Runs the app in a child and passes our signals on, so stopping `npm start` stops the app. */
function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 0)));
}

const binary = electronBinary();
const args = process.argv.slice(2);
if (binary) {
  run(binary, [root, ...args]);
} else {
  process.stderr.write(
    'benchtop: no Electron binary is installed here (it is downloaded on first run, and this machine\n' +
      'cannot fetch it), so the desktop window cannot open. Starting `benchtop serve` instead:\n' +
      'open the URL below in a browser for the same UI.\n',
  );
  run(process.execPath, [
    fileURLToPath(new URL('../bin/benchtop.js', import.meta.url)),
    'serve',
    ...args,
  ]);
}
