// SPDX-License-Identifier: Apache-2.0

/**
 * A token bucket per sender: a board answering a query sends a handful of packets, a broken or
 * hostile one sends thousands; past the budget its packets are dropped unread.
 */
export class SenderRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxSenders = 4096,
  ) {}

  allow(sender: string, now: number): boolean {
    let bucket = this.buckets.get(sender);
    if (!bucket) {
      if (this.buckets.size >= this.maxSenders) this.prune(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(sender, bucket);
    }
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond,
    );
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private prune(now: number): void {
    for (const [sender, bucket] of this.buckets) {
      if (now - bucket.at > (this.burst / this.perSecond) * 1000) this.buckets.delete(sender);
    }
    // Still full: a spoofing flood; forget the oldest rather than grow.
    if (this.buckets.size >= this.maxSenders) {
      const first = this.buckets.keys().next();
      if (!first.done) this.buckets.delete(first.value);
    }
  }
}
