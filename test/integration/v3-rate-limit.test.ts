// Per-key rate limit: 429 with Retry-After in each version's envelope; other keys and public routes
// are unaffected; the token bucket refills with time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/build-app.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { TokenBuckets } from '../../src/ratelimit/rate-limiter.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { useTestPlatform } from '../support/use-test-platform.js';

let app: FastifyInstance;

const t = useTestPlatform({ startWorkers: false }, async () => {
  app = await buildApp({ ...t.platform.appDeps, rateLimiter: new TokenBuckets(2) });
  return () => app.close();
});

async function exhaust(key: string, url: string) {
  for (let i = 0; i < 2; i++) assert.equal((await app.inject({ method: 'GET', url, headers: { 'x-api-key': key } })).statusCode, 200);
  return app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
}

describe('rate limit', () => {
  test('v3: 429 rate_limit_exceeded with Retry-After seconds (conforms to the spec)', async () => {
    const { key } = await createApiKey(t.platform.keys, { name: 'v3' });
    const r = await exhaust(key, '/v3/users/me');
    assert.equal(r.statusCode, 429);
    assert.match(String(r.headers['retry-after']), /^\d+$/);
    assert.ok(Number(r.headers['retry-after']) >= 1 && Number(r.headers['retry-after']) <= 60);
    assert.deepEqual(r.json(), { error: { code: 'rate_limit_exceeded', message: 'Too many requests. Retry after the duration specified in the Retry-After header.', param: null, doc_url: null } });
    assert.deepEqual(validateHeygenResponse('GET', '/v3/users/me', 429, r.json()), []);
    const videos = await app.inject({ method: 'GET', url: '/v3/videos', headers: { 'x-api-key': key } });
    assert.equal(videos.statusCode, 429);
    assert.deepEqual(validateHeygenResponse('GET', '/v3/videos', 429, videos.json()), []);
    const post = await app.inject({ method: 'POST', url: '/v3/videos', headers: { 'x-api-key': key }, payload: {} });
    assert.deepEqual(validateHeygenResponse('POST', '/v3/videos', 429, post.json()), []);
  });

  test('v1 and v2 envelopes', async () => {
    const { key: k1 } = await createApiKey(t.platform.keys, { name: 'v1' });
    const v1 = await exhaust(k1, '/v1/user/me');
    assert.equal(v1.statusCode, 429);
    assert.deepEqual(v1.json(), { code: 42900, message: 'Too many requests. Retry after the duration specified in the Retry-After header.', data: null });
    const { key: k2 } = await createApiKey(t.platform.keys, { name: 'v2' });
    const v2 = await exhaust(k2, '/v2/user/me');
    assert.equal(v2.statusCode, 429);
    assert.ok(v2.headers['retry-after']);
    assert.deepEqual(v2.json(), { error: { code: 'rate_limit_exceeded', message: 'Too many requests. Retry after the duration specified in the Retry-After header.' }, data: null });
  });

  test('another key and public routes are not limited', async () => {
    const { key: a } = await createApiKey(t.platform.keys, { name: 'a' });
    assert.equal((await exhaust(a, '/v3/users/me')).statusCode, 429);
    const { key: b } = await createApiKey(t.platform.keys, { name: 'b' });
    assert.equal((await app.inject({ method: 'GET', url: '/v3/users/me', headers: { 'x-api-key': b } })).statusCode, 200);
    for (let i = 0; i < 5; i++) assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  });

  test('the bucket refills continuously', () => {
    let now = 0;
    const buckets = new TokenBuckets(60, () => now);
    for (let i = 0; i < 60; i++) assert.equal(buckets.take('k'), 0);
    assert.equal(buckets.take('k'), 1);
    now += 1000;
    assert.equal(buckets.take('k'), 0);
    assert.equal(buckets.take('k'), 1);
  });
});
