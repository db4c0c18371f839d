// SPDX-License-Identifier: Apache-2.0
// Reading the Consoles pane in Chromium: a terminal's text, logging in on a rig getty by typing,
// and the pixels a glyph left on screen.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Rig } from '../rig/index.js';

export const panelText = (panel: Locator): Promise<string> =>
  panel.locator('.xterm-rows').innerText();

/** Types a login into the getty shown in the panel and waits for the shell prompt. */
export async function logIn(page: Page, panel: Locator, rig: Rig): Promise<void> {
  await panel.getByTestId('console-terminal').click();
  await page.keyboard.press('Enter');
  await expect.poll(() => panelText(panel), { timeout: 15_000 }).toMatch(/login:\s*$/m);
  await page.keyboard.type(rig.user);
  await page.keyboard.press('Enter');
  await expect.poll(() => panelText(panel), { timeout: 15_000 }).toMatch(/Password:\s*$/m);
  await page.keyboard.type(readFileSync(rig.passwordFile, 'utf8').trim());
  await page.keyboard.press('Enter');
  await expect.poll(() => panelText(panel), { timeout: 15_000 }).toMatch(/\$\s*$/m);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

// The browser side is passed as source text: the tests' type check has no DOM library.
/** Where a character of a terminal row is drawn: the row's full height, the glyph's width. */
const charBoxScript = (label: string, text: string, at: number): string => `(() => {
  const panel = [...document.querySelectorAll('.terminal-panel')].find(
    (p) => p.getAttribute('aria-label') === ${JSON.stringify(label)},
  );
  const rows = panel ? [...panel.querySelectorAll('.xterm-rows > div')] : [];
  const row = rows.find((r) => (r.textContent || '').trimEnd() === ${JSON.stringify(text)});
  if (!row) return null;
  const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = (node.textContent || '').length;
    if (${at} < offset + length) {
      const range = document.createRange();
      range.setStart(node, ${at} - offset);
      range.setEnd(node, ${at} - offset + 1);
      const glyph = range.getBoundingClientRect();
      const line = row.getBoundingClientRect();
      return { x: glyph.x, y: line.y, width: glyph.width, height: line.height };
    }
    offset += length;
  }
  return null;
})()`;

/**
 * Counts the pixels of a PNG that stand out from the terminal's background (#101317 dark,
 * #fbfbfd light) by 150 or more (the sum of red, green and blue): a thin underscore at 8 px is
 * anti-aliased to a light grey on the light theme.
 */
const inkScript = (base64: string, dark: boolean): string => `(async () => {
  const image = new Image();
  image.src = 'data:image/png;base64,${base64}';
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const sum = pixels[i] + pixels[i + 1] + pixels[i + 2];
    if (${dark ? 'sum > 208' : 'sum < 605'}) ink++;
  }
  return ink;
})()`;

/**
 * How many pixels of one character cell stand out from the terminal's background: the row of
 * the panel (by its label) showing `rowText`, character `index`. An underscore clipped by its row counts 0.
 */
export async function inkInCell(
  page: Page,
  panelLabel: string,
  rowText: string,
  index: number,
  theme: 'dark' | 'light',
): Promise<number> {
  const box = await page.evaluate<Box | null>(charBoxScript(panelLabel, rowText, index));
  if (!box) throw new Error(`no row reads "${rowText}"`);
  const png = await page.screenshot({ clip: box });
  return page.evaluate<number>(inkScript(png.toString('base64'), theme === 'dark'));
}
