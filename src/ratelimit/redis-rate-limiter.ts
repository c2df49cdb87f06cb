// The token buckets in Redis, for several API processes behind one address: one atomic script per
// request (a hash per key: tokens and the last refill time, on Redis's own clock so the processes'
// clocks do not matter; it expires once it would be full again). If Redis cannot answer, requests are
// let through and the failure is logged: a limiter outage must not become an API outage.
import { Redis } from 'ioredis';
import { redisOptionsFromUrl } from '../jobs/redis-url.js';
import type { RateLimiter } from '../services/ports.js';
import { retryAfterSeconds } from './rate-limiter.js';

const TAKE_TOKEN = `
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
return {allowed, tostring(tokens)}
`;

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly perMs: number;
  /** Logged once per outage, not once per request. */
  private failing = false;

  constructor(
    url: string,
    private readonly capacity: number,
    private readonly options: { prefix?: string; log?: (msg: string, extra?: object) => void } = {},
  ) {
    // Commands wait for a (re)connection, but never more than a quarter second: a request must not
    // hang on the limiter. Connected on the first request: worker processes compose the same platform
    // but serve no API, and should hold no idle connection for it.
    this.redis = new Redis({ ...redisOptionsFromUrl(url), maxRetriesPerRequest: 1, commandTimeout: 250, connectTimeout: 2000, lazyConnect: true });
    this.redis.on('error', () => {}); // each failed take() is logged below
    this.redis.defineCommand('oratorTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
    this.perMs = capacity / 60_000;
  }

  async take(id: string): Promise<number> {
    try {
      const key = `${this.options.prefix ?? 'orator'}:ratelimit:${id}`;
      const [allowed, tokens] = (await (this.redis as unknown as { oratorTakeToken(key: string, capacity: number, perMs: number): Promise<[number, string]> })
        .oratorTakeToken(key, this.capacity, this.perMs));
      this.failing = false;
      return allowed === 1 ? 0 : retryAfterSeconds(Number(tokens), this.perMs);
    } catch (error) {
      if (!this.failing) this.options.log?.('rate limiter unavailable: requests are let through until Redis answers', { error: error instanceof Error ? error.message : String(error) });
      this.failing = true;
      return 0;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
