// SPDX-License-Identifier: Apache-2.0
// One change to a test stand's inventory (a label set by another client) until the Devices
// pane shows it, settled: the pane's share against the wire's, measured in the same run.
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import type { ContractClient } from '../../src/shared/client.js';
import { whenRowShows, type ShownTimes } from './pane-probes.js';

export interface ChangeTimes {
  /** API call -> the event at a WebSocket client in this process (the peer: the wire alone). */
  wireMs: number;
  /** API call -> the event at the page. */
  pageEventMs: number;
  /** API call -> the pane settled with the change on screen. */
  settledMs: number;
}

const epochNow = (): number => performance.timeOrigin + performance.now();

/** Labels `board` with `label` through the API and times it until the pane shows it. */
export async function timeOneChange(
  page: Page,
  client: ContractClient,
  board: string,
  label: string,
): Promise<ChangeTimes> {
  let heardAt = NaN;
  const heard = new Promise<void>((resolve) => {
    const off = client.on('inventory.changed', (change) => {
      if (!change.boards.some((b) => b.labels.includes(label))) return;
      heardAt = epochNow();
      off();
      resolve();
    });
  });
  const shown = page.evaluate<ShownTimes>(whenRowShows(label, 30_000));
  const calledAt = epochNow();
  await client.call('inventory.label', { name: board, add: [label] });
  const [times] = await Promise.all([shown, heard]);
  return {
    wireMs: heardAt - calledAt,
    pageEventMs: times.arrivedAt - calledAt,
    settledMs: times.settledAt - calledAt,
  };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
