// SPDX-License-Identifier: Apache-2.0

/** Speed over a sliding window, so a stall shows up quickly and a burst does not dominate. */
export class Speedometer {
  private readonly samples: { at: number; done: number }[] = [];

  constructor(private readonly windowMs = 3000) {}

  reset(): void {
    this.samples.length = 0;
  }

  /** Records a reading; returns units per second, or undefined until two readings exist. */
  sample(done: number, at = Date.now()): number | undefined {
    this.samples.push({ at, done });
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > this.windowMs) {
      this.samples.shift();
    }
    const first = this.samples[0];
    if (!first || at === first.at) return undefined;
    return Math.max(0, ((done - first.done) * 1000) / (at - first.at));
  }
}
