// Per-API-key request rate limit: a token bucket per key (capacity = the per-minute limit, refilled
// continuously). The port answers "may this key make a request now": 0, or the seconds until it may.
// In one process the buckets live in memory; with several API processes they live in Redis (see
// redis-rate-limiter.ts), so N processes share one limit instead of granting N × it.

import type { RateLimiter } from '../services/ports.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** The in-process buckets: exact for one API process, no I/O on the request path. */
export class TokenBuckets implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = capacity / 60_000;
  }

  take(id: string): number {
    const now = this.now();
    const b = this.buckets.get(id) ?? { tokens: this.capacity, updatedAt: now };
    b.tokens = Math.min(this.capacity, b.tokens + (now - b.updatedAt) * this.perMs);
    b.updatedAt = now;
    this.buckets.set(id, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    // Bound memory: full buckets carry no information, so drop them when the map grows.
    if (this.buckets.size > 10_000) for (const [k, v] of this.buckets) if (v.tokens >= this.capacity) this.buckets.delete(k);
    return retryAfterSeconds(b.tokens, this.perMs);
  }

  async close(): Promise<void> {}
}

/** Whole seconds (at least 1) until a bucket holding `tokens` has one again. */
export function retryAfterSeconds(tokens: number, perMs: number): number {
  return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
}
