// Rate limiter factory: shared buckets in Redis when ORATOR_QUEUE_URL points at one (the scale-out
// setup, where several API processes serve one address), in-process buckets otherwise. The Redis
// client loads only when configured.
import type { RateLimiter } from '../services/ports.js';
import { TokenBuckets } from './rate-limiter.js';

export async function createRateLimiter(options: {
  perMinute: number;
  queueUrl: string | undefined;
  /** Key prefix in Redis (tests isolate runs with a random one). */
  prefix?: string;
  log?: (msg: string, extra?: object) => void;
}): Promise<RateLimiter | null> {
  if (!(options.perMinute > 0)) return null;
  if (options.queueUrl && /^rediss?:\/\//.test(options.queueUrl)) {
    const { RedisRateLimiter } = await import('./redis-rate-limiter.js');
    const prefix = options.prefix ?? new URL(options.queueUrl).searchParams.get('prefix') ?? undefined;
    return new RedisRateLimiter(options.queueUrl, options.perMinute, { ...(prefix ? { prefix } : {}), ...(options.log ? { log: options.log } : {}) });
  }
  return new TokenBuckets(options.perMinute);
}
