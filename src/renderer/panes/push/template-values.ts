// SPDX-License-Identifier: Apache-2.0
import type { ProjectServiceSummary } from '../../../shared/contract/index.js';

export interface SplitValues {
  /** The values every templated service was expanded with alike (machine name, arch...). */
  common: [string, string][];
  /** Per service, the values that differ from the common ones (its service name...). */
  own: Map<string, [string, string][]>;
}

/** Template values said once where the services share them, per service where they differ. */
export function splitTemplateValues(services: readonly ProjectServiceSummary[]): SplitValues {
  const templated = services.filter((s) => s.build?.fromTemplate);
  const maps = templated.map((s) => s.build?.templateValues ?? {});
  const [first] = maps;
  const common = Object.entries(first ?? {}).filter(
    ([key, value]) => templated.length > 1 && maps.every((m) => m[key] === value),
  );
  const shared = new Set(common.map(([key]) => key));
  const own = new Map(
    templated.map((s) => [
      s.name,
      Object.entries(s.build?.templateValues ?? {}).filter(([key]) => !shared.has(key)),
    ]),
  );
  return { common, own };
}
