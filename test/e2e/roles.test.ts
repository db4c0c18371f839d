// SPDX-License-Identifier: Apache-2.0
// A viewer's browser on `benchtop serve`: it says who it is, the Flash button says which role
// it needs instead of being pressed in vain, and revoking the viewer cuts the page off at once.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/benchtop-cli.js';
import { openPane, screenshotPath } from '../support/chromium.js';
import { startServe, tempHome, type ServeProcess } from '../support/serve-process.js';

describe('a viewer in the browser', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const home = tempHome();
    serve = await startServe({ home });
    const added = await runCli(['users', 'add', 'vera', '--role', 'viewer', '--json'], home);
    expect(added.code, added.stderr).toBe(0);
    const { token } = JSON.parse(added.stdout) as { token: string };
    ({ browser, page } = await openPane(`${serve.origin}/#token=${token}`, /Flash/, {
      width: 1280,
      height: 800,
    }));
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('names the user and role, and the Flash button the role it needs', async () => {
    await expect
      .poll(() => page.getByTestId('caller').allTextContents())
      .toEqual(['vera · viewer']);
    const row = page.locator('.flash-row');
    await expect
      .poll(() => row.locator('.muted').allTextContents())
      .toEqual(
        expect.arrayContaining([expect.stringContaining('have the admin role (you are a viewer)')]),
      );
    expect(await row.locator('button.primary').isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('roles-viewer-flash') });
  });

  it('is cut off as soon as the viewer is revoked', async () => {
    await expect
      .poll(() => page.getByTestId('connection-state').allTextContents())
      .toEqual(['● connected']);
    const revoked = await runCli(['users', 'revoke', 'vera', '--home', serve.home], tempHome());
    expect(revoked.code, revoked.stderr).toBe(0);
    await expect
      .poll(() => page.getByTestId('connection-state').allTextContents())
      .toEqual([expect.stringContaining('disconnected')]);
  });
});
