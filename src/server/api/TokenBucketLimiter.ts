/** How many requests a viewer may burst, and how fast the allowance refills. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-key token buckets (one per viewer). `take` spends one token or says how many seconds
 * until one is back. Idle full buckets are dropped so memory tracks active viewers only.
 *
 * @example
 * const limiter = new TokenBucketLimiter({ burst: 20, perSecond: 2 });
 * const wait = limiter.take('viewer-42'); // 0 = allowed, else seconds to wait
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now() / 1000,
  ) {}

  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * this.limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.sweep(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.limit.perSecond;
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.limit.perSecond >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
