// SPDX-License-Identifier: Apache-2.0
// A hostile page on another loopback port, in the same Chromium that opened the printed URL:
// its no-cors POSTs are refused (401) and run nothing, and no token ever reaches another port.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../support/chromium.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { connectWs } from '../support/ws-client.js';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** A loopback server on a port of its own that records every request and answers `html`. */
async function listener(html: string): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

describe('a hostile page on another loopback port', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let attacker: Awaited<ReturnType<typeof listener>>;
  const scratch = mkdtempSync(join(tmpdir(), 'benchtop-csrf-'));

  beforeAll(async () => {
    serve = await startServe();
    const api = `${serve.origin}/api`;
    const attempts = [
      [`${api}/flash.start`, { image: join(scratch, 'x.img'), targets: [join(scratch, 'card')] }],
      [`${api}/ports.tie`, { path: join(scratch, 'tty'), board: 'csrf-board' }],
    ] as const;
    attacker = await listener(
      `<script>${attempts
        .map(
          ([url, body]) =>
            `fetch(${JSON.stringify(url)}, {method: 'POST', mode: 'no-cors', credentials: 'include', body: ${JSON.stringify(JSON.stringify(body))}});`,
        )
        .join('\n')}</script>`,
    );
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    attacker?.server.close();
  });

  it('the printed URL opens the UI in one click, connects and drops the token from the address bar', async () => {
    await page.goto(serve.url);
    await expect
      .poll(() => page.getByTestId('connection-state').textContent())
      .toContain('● connected');
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('Benchtop 0.');
    expect(page.url()).toBe(`${serve.origin}/`);
    expect(await context.cookies()).toEqual([]);
    await page.reload();
    await expect
      .poll(() => page.getByTestId('connection-state').textContent())
      .toContain('● connected');
    await page.screenshot({ path: screenshotPath('csrf-ui-connected') });
  });

  it('answers its no-cors POSTs with 401 and dispatches nothing', async () => {
    const statuses = new Map<string, number>();
    page.on('response', (response) => {
      if (response.url().startsWith(`${serve.origin}/api/`))
        statuses.set(new URL(response.url()).pathname, response.status());
    });
    await page.goto(`http://127.0.0.1:${attacker.port}/`);
    await expect.poll(() => statuses.size).toBe(2);
    expect(Object.fromEntries(statuses)).toEqual({
      '/api/flash.start': 401,
      '/api/ports.tie': 401,
    });
    const client = await connectWs(serve.port, serve.token);
    expect(await client.call('jobs.list', {})).toEqual([]);
    expect(await client.call('ports.ties', {})).toEqual([]);
    client.close();
  });

  it('lets no token reach a listener on another loopback port', async () => {
    const other = await listener('<p>elsewhere</p>');
    await page.goto(serve.url);
    await expect
      .poll(() => page.getByTestId('connection-state').textContent())
      .toContain('● connected');
    await page.goto(`http://127.0.0.1:${other.port}/page`);
    await page.evaluate(
      `fetch('http://127.0.0.1:${other.port}/xhr', { credentials: 'include' }).then((r) => r.text())`,
    );
    other.server.close();
    expect(other.seen.map((request) => request.url)).toEqual(
      expect.arrayContaining(['/page', '/xhr']),
    );
    for (const request of [...other.seen, ...attacker.seen]) {
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
      expect(JSON.stringify(request)).not.toContain(serve.token);
    }
  });
});
