// Per-API-key request rate limit: an in-process token bucket (capacity = the per-minute limit, refilled
// continuously). Over the limit → 429 with Retry-After seconds, in the path version's envelope. Each
// process limits on its own; behind N API processes the effective limit is N × the setting.
import type { FastifyInstance } from 'fastify';
import { OratorError } from '../../domain/errors.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = capacity / 60_000;
  }

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
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
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
  }
}

export function registerRateLimit(app: FastifyInstance, perMinute: number, now?: () => number): void {
  if (!(perMinute > 0)) return;
  const buckets = new TokenBuckets(perMinute, now);
  // Registered after auth, so `principal` is known; public routes (health, files, docs) are not limited.
  // Callback style, not async: it runs on every authenticated request and never waits.
  app.addHook('onRequest', (request, reply, done) => {
    const retryAfter = request.principal ? buckets.take(request.principal.keyId) : 0;
    if (retryAfter === 0) return done();
    reply.header('retry-after', String(retryAfter));
    done(new OratorError('rate_limit_exceeded'));
  });
}
