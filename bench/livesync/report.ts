// SPDX-License-Identifier: Apache-2.0
// The printed result: one row per scenario, one column per tool (median seconds from the save to
// the board serving it), the ratios of Benchtop to each peer, and the aims.

/** Seconds per round; null: not served within the scenario's time limit. */
export type Samples = readonly (number | null)[];

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The median of the rounds that were served, or null when any round was not. */
export const medianServed = (samples: Samples): number | null =>
  samples.length > 0 && samples.every((s) => s !== null) ? median(samples) : null;

const cell = (samples: Samples | undefined, width: number): string => {
  if (samples === undefined) return 'missing'.padStart(width);
  const value = medianServed(samples);
  if (value !== null) return `${value.toFixed(2)} s`.padStart(width);
  const missed = samples.filter((s) => s === null).length;
  return `${missed}/${samples.length} never`.padStart(width);
};

export interface Scenario {
  readonly key: string;
  readonly label: string;
}

export function table(
  scenarios: readonly Scenario[],
  tools: readonly string[],
  results: ReadonlyMap<string, ReadonlyMap<string, Samples>>,
): string[] {
  const width = Math.max(14, ...tools.map((tool) => tool.length + 2));
  const lines = [`  ${''.padEnd(34)}${tools.map((tool) => tool.padStart(width)).join('')}`];
  for (const scenario of scenarios)
    lines.push(
      `  ${scenario.label.padEnd(34)}${tools.map((tool) => cell(results.get(tool)?.get(scenario.key), width)).join('')}`,
    );
  return lines;
}

/** "0.07x" of Benchtop's median to a peer's, or why there is no ratio. */
export function ratio(ours: Samples | undefined, theirs: Samples | undefined): string {
  const a = ours === undefined ? null : medianServed(ours);
  const b = theirs === undefined ? null : medianServed(theirs);
  if (ours === undefined) return 'n/a (Benchtop missing)';
  if (a === null) return 'n/a (Benchtop missed a round)';
  if (b === null) return `n/a (peer never served it; Benchtop ${a.toFixed(2)} s)`;
  return `${(a / b).toFixed(2)}x`;
}

export function rounds(samples: Samples): string {
  return samples.map((s) => (s === null ? 'never' : s.toFixed(2))).join(' ');
}
