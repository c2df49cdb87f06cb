// Durable signed webhooks end to end: the render job's outbox, deliver_webhook retries against a real
// receiver on 127.0.0.1 (500, then a hang past the timeout, then 200), Standard Webhooks signatures,
// 410 and long-failure disabling, unsigned callback_url, space isolation and a restart between attempts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { OratorError } from '../../src/domain/errors.js';
import { eventually, newSpaceKey, ONE_SCENE, startWebhookPlatform, tempDataDir, type WebhookPlatform } from '../support/webhook-platform.js';
import { useReceiver } from '../support/use-receiver.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const rx = useReceiver();

async function addEndpoint(p: WebhookPlatform, h: Record<string, string>, url: string, events?: string[]) {
  const r = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: events ? { url, events } : { url } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data as { endpoint_id: string; secret: string };
}

async function generate(p: WebhookPlatform, h: Record<string, string>, extra: Record<string, unknown> = {}) {
  const r = await p.app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: { ...ONE_SCENE, ...extra } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data.video_id as string;
}

async function deliveries(p: WebhookPlatform, h: Record<string, string>, query = '') {
  const r = await p.app.inject({ method: 'GET', url: `/v3/webhooks/deliveries?limit=100${query}`, headers: h });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data as { delivery_id: string; endpoint_id: string | null; status: string; attempts: number; signed: boolean; attempt_log: { status_code: number | null; error: string | null }[] }[];
}

describe('delivery to registered endpoints and callback_url', () => {
  const p = useTestPlatform({ kit: 'webhooks' });
  const h = p.headers;

  test('500, then a hang past the timeout, then 200: one arrival per attempt, same webhook-id, verifiable, exact payload', async () => {
    rx.script('/retry', [500, 'hang', 200]);
    rx.script('/cb', [200]);
    const ep = await addEndpoint(p, h, rx.url('/retry'), ['avatar_video.success']);
    // Another space's endpoint, subscribed to everything, must never see this space's events.
    const other = await newSpaceKey(p, 'other');
    await addEndpoint(p, other, rx.url('/other-space'));

    const videoId = await generate(p, h, { callback_url: rx.url('/cb') });
    await p.pool.waitForIdle(20_000);

    const arrivals = rx.on('/retry');
    assert.equal(arrivals.length, 3, 'one arrival per attempt');
    const ids = new Set(arrivals.map((a) => a.headers['webhook-id']));
    assert.equal(ids.size, 1, 'the same webhook-id on every attempt');
    assert.match([...ids][0]!, /^evt_/);
    for (const a of arrivals) {
      const payload = new Webhook(ep.secret).verify(a.body, a.headers) as Record<string, any>;
      assert.equal(payload.event_type, 'avatar_video.success');
      assert.equal(payload.event, 'avatar_video.success');
      assert.deepEqual(Object.keys(payload.event_data).sort(), ['callback_id', 'folder_id', 'gif_download_url', 'url', 'video_id', 'video_page_url', 'video_share_page_url']);
      assert.equal(payload.event_data.video_id, videoId);
      assert.equal(payload.event_data.callback_id, 'cb-1');
      assert.equal(payload.event_data.folder_id, null);
      assert.match(payload.event_data.url, /^http:\/\/orator\.test\/files\/.*video\.mp4\?.*Expires=/i);
      assert.match(payload.event_data.gif_download_url, /preview\.gif/);
      assert.ok(a.headers['x-heygen-signature'] && a.headers['signature']);
    }
    // Subscribed to avatar_video.success only: the GIF event exists but never arrives here.
    assert.ok(arrivals.every((a) => JSON.parse(a.body).event_type === 'avatar_video.success'));
    assert.equal(rx.on('/other-space').length, 0, "another space's endpoint receives nothing");

    const cb = rx.on('/cb');
    assert.equal(cb.length, 1, 'callback_url gets the main outcome once');
    assert.equal(cb[0]!.headers['webhook-signature'], undefined, 'callback_url deliveries are unsigned');
    assert.equal(cb[0]!.headers['signature'], undefined);
    assert.equal(JSON.parse(cb[0]!.body).event_data.video_id, videoId);

    const log = await deliveries(p, h);
    const mine = log.find((d) => d.endpoint_id === ep.endpoint_id)!;
    assert.equal(mine.status, 'succeeded');
    assert.equal(mine.attempts, 3);
    assert.deepEqual(mine.attempt_log.map((a) => a.status_code), [500, null, 200]);
    assert.match(mine.attempt_log[1]!.error!, /timed out/);
    const callback = log.find((d) => d.endpoint_id === null)!;
    assert.equal(callback.signed, false);
    assert.equal(callback.status, 'succeeded');

    const events = (await p.app.inject({ method: 'GET', url: '/v3/webhooks/events?limit=100', headers: h })).json().data as { event_type: string }[];
    assert.deepEqual(events.map((e) => e.event_type).sort(), ['avatar_video.success', 'avatar_video_gif.success']);
  });

  test('a failed render sends avatar_video.fail with msg', async () => {
    rx.script('/fail', [200]);
    await addEndpoint(p, h, rx.url('/fail'), ['avatar_video.fail']);
    p.engine.controls.behaviour = async () => {
      throw new OratorError('render_failed', 'boom', { detail: 'ffmpeg said no' });
    };
    try {
      const videoId = await generate(p, h);
      await p.pool.waitForIdle(20_000);
      const got = rx.on('/fail');
      assert.equal(got.length, 1);
      const body = JSON.parse(got[0]!.body);
      assert.equal(body.event_type, 'avatar_video.fail');
      assert.equal(body.event_data.video_id, videoId);
      assert.match(body.event_data.msg, /boom/);
      assert.ok('folder_id' in body.event_data && 'callback_id' in body.event_data);
    } finally {
      p.engine.controls.behaviour = async () => {};
    }
  });

  test('410 Gone disables the endpoint and stops its deliveries', async () => {
    rx.script('/gone', [410]);
    const ep = await addEndpoint(p, h, rx.url('/gone'), ['avatar_video.success']);
    await generate(p, h);
    await p.pool.waitForIdle(20_000);
    assert.equal(rx.on('/gone').length, 1, 'no retry after 410');
    const list = (await p.app.inject({ method: 'GET', url: '/v3/webhooks/endpoints?limit=100', headers: h })).json().data as { endpoint_id: string; status: string; disabled_reason: string }[];
    const row = list.find((e) => e.endpoint_id === ep.endpoint_id)!;
    assert.equal(row.status, 'disabled');
    assert.match(row.disabled_reason, /410/);
    await generate(p, h);
    await p.pool.waitForIdle(20_000);
    assert.equal(rx.on('/gone').length, 1, 'a disabled endpoint gets nothing new');
  });

  test('redeliver sends the same event id again', async () => {
    rx.script('/again', [200]);
    const ep = await addEndpoint(p, h, rx.url('/again'), ['avatar_video.success']);
    await generate(p, h);
    await p.pool.waitForIdle(20_000);
    const first = rx.on('/again');
    assert.equal(first.length, 1);
    const eventId = first[0]!.headers['webhook-id']!;
    const r = await p.app.inject({ method: 'POST', url: `/v3/webhooks/events/${eventId}/redeliver?endpoint_id=${ep.endpoint_id}`, headers: h });
    assert.equal(r.statusCode, 200, r.body);
    await p.pool.waitForIdle(20_000);
    const all = rx.on('/again');
    assert.equal(all.length, 2);
    assert.equal(all[1]!.headers['webhook-id'], eventId);
    assert.doesNotThrow(() => new Webhook(ep.secret).verify(all[1]!.body, all[1]!.headers));
  });

  test('after rotation both the new and the previous secret verify', async () => {
    rx.script('/rotated', [200]);
    const ep = await addEndpoint(p, h, rx.url('/rotated'), ['avatar_video.success']);
    const r = await p.app.inject({ method: 'POST', url: `/v3/webhooks/endpoints/${ep.endpoint_id}/rotate-secret`, headers: h });
    const fresh = r.json().data.secret as string;
    assert.notEqual(fresh, ep.secret);
    await generate(p, h);
    await p.pool.waitForIdle(20_000);
    const [got] = rx.on('/rotated');
    assert.doesNotThrow(() => new Webhook(fresh).verify(got!.body, got!.headers));
    assert.doesNotThrow(() => new Webhook(ep.secret).verify(got!.body, got!.headers));
  });
});

describe('durability and long failures', () => {
  test('closing and recomposing the platform between attempts loses nothing', async () => {
    const dataDir = tempDataDir();
    // A 1 s retry gap leaves time to shut down after the first attempt.
    const slow = { retryDelaySec: (n: number) => (n < 9 ? 1 : null), timeoutMs: 400 };
    let p = await startWebhookPlatform({ dataDir, webhooks: slow });
    try {
      const h = await newSpaceKey(p);
      rx.script('/restart', [500, 200]);
      const ep = await addEndpoint(p, h, rx.url('/restart'), ['avatar_video.success']);
      await generate(p, h);
      await eventually(async () => (await deliveries(p, h)).find((d) => d.endpoint_id === ep.endpoint_id && d.attempts === 1));
      await p.stop();
      assert.equal(rx.on('/restart').length, 1);

      p = await startWebhookPlatform({ dataDir, webhooks: slow });
      await eventually(async () => (await deliveries(p, h)).find((d) => d.endpoint_id === ep.endpoint_id && d.status === 'succeeded'));
      const got = rx.on('/restart');
      assert.equal(got.length, 2);
      assert.equal(got[0]!.headers['webhook-id'], got[1]!.headers['webhook-id']);
      assert.doesNotThrow(() => new Webhook(ep.secret).verify(got[1]!.body, got[1]!.headers));
    } finally {
      await p.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('an endpoint failing longer than the configured window is disabled with a reason', async () => {
    // 1 ms stands in for 5 days: the second failure is already "too long" after the first.
    const p = await startWebhookPlatform({ config: { webhookDisableAfterMs: 1 } });
    try {
      const h = await newSpaceKey(p);
      rx.script('/down', [503]);
      const ep = await addEndpoint(p, h, rx.url('/down'), ['avatar_video.success']);
      await generate(p, h);
      await p.pool.waitForIdle(20_000);
      assert.equal(rx.on('/down').length, 2);
      const row = (await p.app.inject({ method: 'GET', url: '/v3/webhooks/endpoints', headers: h })).json().data.find((e: { endpoint_id: string }) => e.endpoint_id === ep.endpoint_id);
      assert.equal(row.status, 'disabled');
      assert.match(row.disabled_reason, /failing since/);
      const [d] = await deliveries(p, h);
      assert.equal(d!.status, 'failed');
    } finally {
      await p.stop();
      fs.rmSync(p.dataDir, { recursive: true, force: true });
    }
  });
});
