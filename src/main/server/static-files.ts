// SPDX-License-Identifier: Apache-2.0
import { open, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** The same policy the Electron window sets: only our own scripts, our own WebSocket. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Serves the built renderer; unknown paths get index.html (the app routes itself). */
export async function serveStatic(
  rootDir: string,
  pathname: string,
  response: ServerResponse,
): Promise<void> {
  const root = resolve(rootDir);
  const decoded = safeDecode(pathname);
  const relative = decoded === undefined ? '' : normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (decoded === undefined || (!file.startsWith(root + sep) && file !== root)) {
    response.writeHead(400).end('Bad path');
    return;
  }
  if (!(await isFile(file))) file = join(root, 'index.html');
  if (!(await isFile(file))) {
    response
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The user interface is not built. Run `npm run build` first.\n');
    return;
  }
  // Open before answering: a file removed mid-rebuild, unreadable, or no descriptor left
  // (EMFILE) becomes an error answer instead of an unhandled 'error' that ends the process.
  const opened = await open(file).catch((error: NodeJS.ErrnoException) => error);
  if (opened instanceof Error) {
    const missing = opened.code === 'ENOENT';
    response
      .writeHead(missing ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' })
      .end(
        missing ? 'Not found.\n' : `This file cannot be read now (${opened.code ?? 'error'}).\n`,
      );
    return;
  }
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  // pipeline closes the file whether the client goes away or the read fails half-way.
  pipeline(opened.createReadStream(), response, () => undefined);
}

function safeDecode(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}
