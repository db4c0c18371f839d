// SPDX-License-Identifier: Apache-2.0
// A service's update strategy and hand-over timeout, read from its labels as balenaOS reads them.

export const UPDATE_STRATEGIES = [
  'download-then-kill',
  'kill-then-download',
  'delete-then-download',
  'hand-over',
] as const;
export type UpdateStrategy = (typeof UPDATE_STRATEGIES)[number];

export const STRATEGY_LABEL = 'io.balena.update.strategy';
export const HANDOVER_TIMEOUT_LABEL = 'io.balena.update.handover-timeout';
export const DEFAULT_HANDOVER_TIMEOUT_MS = 60_000;

const isStrategy = (value: string | undefined): value is UpdateStrategy =>
  (UPDATE_STRATEGIES as readonly (string | undefined)[]).includes(value);

/** An unknown or missing value means download-then-kill, as on a balenaOS device. */
export function updateStrategy(labels: Readonly<Record<string, string>>): UpdateStrategy {
  const value = labels[STRATEGY_LABEL]?.trim();
  return isStrategy(value) ? value : 'download-then-kill';
}

export function handoverTimeoutMs(labels: Readonly<Record<string, string>>): number {
  const text = labels[HANDOVER_TIMEOUT_LABEL]?.trim();
  if (text === undefined || text === '') return DEFAULT_HANDOVER_TIMEOUT_MS;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_HANDOVER_TIMEOUT_MS;
}
