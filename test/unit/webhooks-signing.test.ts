import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook } from '../../src/domain/webhook-signature.js';
import { MAX_DELIVERY_ATTEMPTS, nextRetryDelaySec, parseRetryAfter, RETRY_DELAYS_SEC } from '../../src/domain/webhook-retry-schedule.js';

const body = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'abc' } });

test('the standardwebhooks verifier accepts our signature', () => {
  const secret = generateWebhookSecret();
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = signWebhook({ id: 'evt_1', timestamp, body, secrets: [secret] });
  const payload = new Webhook(secret).verify(body, headers) as { event_type: string };
  assert.equal(payload.event_type, 'avatar_video.success');
});

test('during rotation both the new and the old secret verify', () => {
  const oldSecret = generateWebhookSecret();
  const newSecret = generateWebhookSecret();
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = signWebhook({ id: 'evt_2', timestamp, body, secrets: [newSecret, oldSecret] });
  assert.doesNotThrow(() => new Webhook(newSecret).verify(body, headers));
  assert.doesNotThrow(() => new Webhook(oldSecret).verify(body, headers));
  assert.throws(() => new Webhook(generateWebhookSecret()).verify(body, headers));
});

test('a tampered body fails verification', () => {
  const secret = generateWebhookSecret();
  const headers = signWebhook({ id: 'evt_3', timestamp: Math.floor(Date.now() / 1000), body, secrets: [secret] });
  assert.throws(() => new Webhook(secret).verify(body.replace('abc', 'abd'), headers));
});

test('the HeyGen-style hex signature is an HMAC of the raw body', () => {
  const secret = generateWebhookSecret();
  const headers = signWebhook({ id: 'evt_4', timestamp: 1, body, secrets: [secret] });
  const expected = createHmac('sha256', secret).update(body).digest('hex');
  assert.equal(headers['Signature'], expected);
  assert.equal(headers['X-HeyGen-Signature'], expected);
});

test('retry schedule: at least 8 attempts over at least 24 h, with bounded jitter', () => {
  assert.ok(MAX_DELIVERY_ATTEMPTS >= 8);
  const total = RETRY_DELAYS_SEC.reduce((a, b) => a + b, 0);
  assert.ok(total * 0.8 >= 24 * 3600, `schedule spans ${total} s`);
  assert.equal(nextRetryDelaySec(1, null, () => 0.5), 5);
  assert.equal(nextRetryDelaySec(1, null, () => 0), 4);
  assert.equal(nextRetryDelaySec(MAX_DELIVERY_ATTEMPTS), null);
  assert.equal(nextRetryDelaySec(1, 120, () => 0.5), 120, 'Retry-After pushes later');
  assert.equal(nextRetryDelaySec(3, 1, () => 0.5), 1800, 'Retry-After never pulls earlier');
});

test('Retry-After parses seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('30'), 30);
  const now = new Date('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now), 60);
  assert.equal(parseRetryAfter('garbage'), null);
  assert.equal(parseRetryAfter('999999'), 86400);
});
