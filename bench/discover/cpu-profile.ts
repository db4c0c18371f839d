// SPDX-License-Identifier: Apache-2.0
// The functions a V8 CPU profile (Chromium's or Node's --cpu-prof) spent the most time in.

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export function hottest(
  profile: CpuProfile,
  top: number,
): { name: string; where: string; selfMs: number }[] {
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the delta to the next one.
  samples.forEach((node, i) => {
    byNode.set(node, (byNode.get(node) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  const byFunction = new Map<string, { name: string; where: string; selfMs: number }>();
  for (const node of profile.nodes) {
    const self = byNode.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : '';
    const key = `${functionName}|${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, selfMs: 0 };
    entry.selfMs += self;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
}
