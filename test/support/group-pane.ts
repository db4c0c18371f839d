// SPDX-License-Identifier: Apache-2.0
// The Devices pane's group actions as an e2e test drives them: boards picked by the filter, and
// the results view read without ever waiting on a row or region not drawn yet.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Filters the pane to `filter`, expects `count` boards, and selects every one shown. */
export async function selectShown(page: Page, filter: string, count: number): Promise<void> {
  await page.getByLabel('Filter boards').fill(filter);
  await expect.poll(() => page.getByTestId('device-count').textContent()).toBe(`${count} boards`);
  await page.getByLabel('Select all shown').check();
  await expect
    .poll(() => page.getByTestId('selected-count').textContent())
    .toBe(`${count} boards selected`);
}

export function groupResults(page: Page) {
  const region = page.getByRole('region', { name: 'Group results' });
  const rows = region.locator('[data-testid="group-result"]');
  return {
    region,
    row: (board: string) => region.locator(`[data-testid="group-result"][data-board="${board}"]`),
    /** The job's title (empty until the view shows), and whether it has ended. */
    heading: async () => ({
      title: (await region.locator('h3').allTextContents()).join(''),
      finished: (await page.locator('section.group-results[data-finished="true"]').count()) === 1,
    }),
    /** Each board's result as its row's badge words it ("ok", "not available" …), by board. */
    states: async (): Promise<Record<string, string>> => {
      const boards = await rows.locator('td:nth-child(1)').allTextContents();
      const badges = await rows.locator('td:nth-child(2)').allTextContents();
      return Object.fromEntries(boards.map((board, i) => [board, badges[i] ?? '']));
    },
    summary: async () => (await page.getByTestId('group-summary').allTextContents()).join(''),
  };
}
