// The deliver_webhook handler against strict fakes (any port call a test did not plan for throws): a
// 2xx succeeds and marks the endpoint healthy; a 5xx is retried on the 9-attempt schedule (Retry-After
// only later) by enqueuing the next attempt; 410 Gone fails the delivery and disables the endpoint;
// a permanent refusal (SSRF guard) fails at once without a retry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeliverWebhookHandler } from '../../src/services/webhooks/deliver-webhook-job.js';
import { JOB_POLICY } from '../../src/domain/job-policy.js';
import { MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_SEC } from '../../src/domain/webhook-retry-schedule.js';
import { LeaseLostError } from '../../src/domain/job-handler.js';
import type { SendRequest, SendResult } from '../../src/services/webhooks/webhook-ports.js';
import { strictFake } from '../support/strict-fake.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const ENDPOINT = {
  endpointId: 'ep1',
  spaceId: 's1',
  url: 'https://hooks.example.com/in',
  events: null,
  secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=',
  previousSecret: null,
  previousSecretExpiresAt: null,
  status: 'enabled',
  disabledReason: null,
  entityId: null,
  failingSince: null,
  createdAt: NOW - 1000,
};
const EVENT = { eventId: 'evt_1', spaceId: 's1', eventType: 'avatar_video.success', eventData: { video_id: 'v1' }, entityId: 'v1', createdAt: NOW - 500 };
const delivery = (attempts: number) => ({
  id: 'dlv_1',
  eventId: 'evt_1',
  spaceId: 's1',
  endpointId: 'ep1',
  url: 'https://old.example.com/in',
  signed: true,
  status: 'pending',
  attempts,
  nextAttemptAt: NOW,
  lastStatusCode: null,
  lastError: null,
  lastDurationMs: null,
  createdAt: NOW - 500,
  updatedAt: NOW - 500,
});

/** `webhooks` lists the transaction's planned webhook-store calls beyond recordAttempt and insertAttempt. */
function setup(answer: SendResult, opts: { attempts?: number; webhooks?: Record<string, (...a: any[]) => Promise<unknown>>; enqueue?: boolean; leaseHeld?: boolean } = {}) {
  const calls: { name: string; args: unknown[] }[] = [];
  const sent: SendRequest[] = [];
  const logged: unknown[] = [];
  const record = (name: string, result: unknown = undefined) => async (...args: unknown[]) => (calls.push({ name, args }), result);
  const txWebhooks: Record<string, unknown> = { recordAttempt: record('recordAttempt', true), insertAttempt: record('insertAttempt') };
  for (const [name, fn] of Object.entries(opts.webhooks ?? {})) txWebhooks[name] = async (...args: unknown[]) => (calls.push({ name, args }), fn(...args));
  const txJobs: Record<string, unknown> = { complete: record('complete', opts.leaseHeld ?? true) };
  if (opts.enqueue) txJobs.enqueue = record('enqueue', 'job_2');
  const handler = createDeliverWebhookHandler({
    store: strictFake<any>('store', {
      findDelivery: async () => delivery(opts.attempts ?? 0),
      findEventById: async () => ({ ...EVENT }),
      findEndpointById: async () => ({ ...ENDPOINT }),
    }),
    uow: strictFake<any>('uow', {
      transaction: async (fn: (tx: unknown) => Promise<unknown>) => fn({ jobs: strictFake<any>('tx.jobs', txJobs), webhooks: strictFake<any>('tx.webhooks', txWebhooks), videos: strictFake<any>('tx.videos', {}) }),
    }),
    sender: strictFake<any>('sender', { send: async (r: SendRequest) => (sent.push(r), answer) }),
    clock: { now: () => NOW },
    disableAfterMs: 5 * 24 * 3600 * 1000,
    log: (...a) => logged.push(a),
  });
  const ctx = { jobId: 'job_1', owner: 'w1', attempt: 1, maxAttempts: 3, signal: new AbortController().signal };
  const callsOf = (name: string) => calls.filter((c) => c.name === name).map((c) => c.args);
  return { run: () => handler.run({ deliveryId: 'dlv_1' }, ctx), calls, callsOf, sent, logged };
}

const response = (statusCode: number, retryAfter: string | null = null): SendResult => ({ kind: 'response', statusCode, retryAfter, durationMs: 12 });

test('a 2xx succeeds: signed POST to the endpoint URL, endpoint healthy, no next attempt', async () => {
  const s = setup(response(204), { webhooks: { markEndpointHealthy: async () => {} } });
  await s.run();
  assert.equal(s.sent.length, 1);
  const req = s.sent[0]!;
  assert.equal(req.url, ENDPOINT.url, "the endpoint's current URL wins over the queued one");
  assert.equal(req.headers['webhook-id'], 'evt_1');
  assert.equal(req.headers['user-agent'], 'Orator-Webhooks/1.0');
  assert.equal(req.headers['content-type'], 'application/json');
  assert.match(req.headers['webhook-signature']!, /^v1,/);
  assert.equal(req.headers['webhook-timestamp'], String(Math.floor(NOW / 1000)));
  assert.deepEqual(s.calls.map((c) => c.name), ['complete', 'markEndpointHealthy', 'recordAttempt', 'insertAttempt']);
  const [id, expected, outcome] = s.callsOf('recordAttempt')[0]!;
  assert.deepEqual([id, expected, outcome], ['dlv_1', 0, { status: 'succeeded', nextAttemptAt: null, lastStatusCode: 204, lastError: null, lastDurationMs: 12 }]);
  assert.deepEqual(s.callsOf('insertAttempt')[0]![0], { deliveryId: 'dlv_1', attempt: 1, statusCode: 204, error: null, durationMs: 12, createdAt: NOW });
});

test('a 5xx is retried on the schedule: each attempt enqueues the next at its jittered delay, the 9th fails', async () => {
  assert.equal(MAX_DELIVERY_ATTEMPTS, 9);
  for (let made = 0; made < MAX_DELIVERY_ATTEMPTS; made++) {
    const last = made + 1 === MAX_DELIVERY_ATTEMPTS;
    const s = setup(response(503), { attempts: made, enqueue: !last, webhooks: { markEndpointFailing: async () => NOW } });
    await s.run();
    const outcome = s.callsOf('recordAttempt')[0]![2] as { status: string; nextAttemptAt: number | null; lastError: string };
    assert.equal(outcome.lastError, 'HTTP 503');
    if (last) {
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.nextAttemptAt, null);
      assert.equal(s.callsOf('enqueue').length, 0);
      continue;
    }
    const base = RETRY_DELAYS_SEC[made]! * 1000;
    assert.equal(outcome.status, 'pending');
    assert.ok(outcome.nextAttemptAt! >= NOW + base * 0.8 && outcome.nextAttemptAt! <= NOW + base * 1.2, `attempt ${made + 1}: ${outcome.nextAttemptAt! - NOW} ms`);
    const [job] = s.callsOf('enqueue')[0]! as [{ kind: string; payload: unknown; runAt: number; maxAttempts: number }];
    assert.deepEqual(job, { kind: 'deliver_webhook', payload: { deliveryId: 'dlv_1' }, spaceId: 's1', maxAttempts: JOB_POLICY.deliver_webhook.attempts, runAt: outcome.nextAttemptAt });
  }
});

test('Retry-After pushes the next attempt later than the schedule', async () => {
  const s = setup(response(429, '600'), { enqueue: true, webhooks: { markEndpointFailing: async () => NOW } });
  await s.run();
  assert.equal((s.callsOf('recordAttempt')[0]![2] as { nextAttemptAt: number }).nextAttemptAt, NOW + 600_000);
});

test('410 Gone fails the delivery and disables the endpoint (its pending deliveries cancelled)', async () => {
  const s = setup(response(410), { webhooks: { disableEndpoint: async () => true, cancelPendingDeliveries: async () => 2 } });
  await s.run();
  assert.deepEqual(s.calls.map((c) => c.name), ['complete', 'recordAttempt', 'insertAttempt', 'disableEndpoint', 'cancelPendingDeliveries']);
  assert.equal((s.callsOf('recordAttempt')[0]![2] as { status: string }).status, 'failed');
  const [endpointId, reason] = s.callsOf('disableEndpoint')[0]! as [string, string];
  assert.equal(endpointId, 'ep1');
  assert.match(reason, /410 Gone/);
  assert.equal(s.logged.length, 1);
});

test('a permanent refusal fails at once: no retry, endpoint not disabled', async () => {
  const refused: SendResult = { kind: 'error', error: 'refused: 10.0.0.1 is private', durationMs: 1, permanent: true };
  const s = setup(refused, { webhooks: { markEndpointFailing: async () => NOW } });
  await s.run();
  assert.deepEqual(s.calls.map((c) => c.name), ['complete', 'markEndpointFailing', 'recordAttempt', 'insertAttempt']);
  const outcome = s.callsOf('recordAttempt')[0]![2];
  assert.deepEqual(outcome, { status: 'failed', nextAttemptAt: null, lastStatusCode: null, lastError: 'refused: 10.0.0.1 is private', lastDurationMs: 1 });
  assert.equal(s.logged.length, 0);
});

test('a lost lease records nothing: the new owner makes the attempt count', async () => {
  const s = setup(response(200), { leaseHeld: false });
  await assert.rejects(s.run(), LeaseLostError);
  assert.deepEqual(s.calls.map((c) => c.name), ['complete']);
});
