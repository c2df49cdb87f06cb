// Rate limiter contract: the in-process buckets and the Redis buckets answer alike, and two Redis
// limiters (two API processes) share one budget per key.
import assert from 'node:assert/strict';
import { describe, it, after } from 'node:test';
import type { RateLimiter } from '../../src/services/ports.js';
import { TokenBuckets } from '../../src/ratelimit/rate-limiter.js';
import { RedisRateLimiter } from '../../src/ratelimit/redis-rate-limiter.js';
import { openRedis } from '../support/redis-fixture.js';

async function takeMany(limiter: RateLimiter, id: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await limiter.take(id));
  return out;
}

describe('rate limiter: in-process buckets', () => {
  it('lets a key make its limit, then says how long to wait; keys are separate', async () => {
    const limiter = new TokenBuckets(3);
    assert.deepEqual(await takeMany(limiter, 'a', 4), [0, 0, 0, 20]);
    assert.equal(await limiter.take('b'), 0);
  });
});

describe('rate limiter: Redis buckets', async () => {
  const redis = await openRedis();
  const limiters: RedisRateLimiter[] = [];
  after(async () => {
    await Promise.all(limiters.map((l) => l.close()));
    if (typeof redis !== 'string') await redis.drop();
  });
  const open = (perMinute: number): RedisRateLimiter => {
    if (typeof redis === 'string') throw new Error(redis);
    const limiter = new RedisRateLimiter(redis.url, perMinute, { prefix: redis.prefix });
    limiters.push(limiter);
    return limiter;
  };

  it('two processes share one budget per key', async (t) => {
    if (typeof redis === 'string') return t.skip(redis);
    const [one, two] = [open(4), open(4)];
    const answers = [await one.take('k'), await two.take('k'), await one.take('k'), await two.take('k')];
    assert.deepEqual(answers, [0, 0, 0, 0]);
    const over = await two.take('k');
    assert.ok(over >= 1 && over <= 15, `retry after ${over} s`);
    assert.equal(await one.take('other'), 0, 'another key has its own bucket');
  });

  it('refills continuously on Redis time', async (t) => {
    if (typeof redis === 'string') return t.skip(redis);
    const limiter = open(600); // a bucket of 600, refilled at 10 a second
    for (let i = 0; i < 700 && (await limiter.take('refill')) === 0; i++);
    assert.ok((await limiter.take('refill')) > 0, 'the bucket is empty');
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(await limiter.take('refill'), 0, 'a token is back after 100 ms');
  });

  it('lets requests through when Redis cannot answer', async () => {
    const logged: string[] = [];
    const limiter = new RedisRateLimiter('redis://127.0.0.1:1', 1, { log: (msg) => logged.push(msg) });
    limiters.push(limiter);
    assert.deepEqual(await takeMany(limiter, 'k', 3), [0, 0, 0]);
    assert.equal(logged.length, 1, 'the outage is logged once, not per request');
  });
});
