// batch.finished: a batch's callback_url gets it once (unsigned, like per-video callbacks) when every
// item is completed or failed, and registered endpoints subscribed to it get it signed; the items' own
// per-video events go out as for any video. Also when every item failed at creation, and never for
// another space's endpoint.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { newSpaceKey } from '../support/webhook-platform.js';
import { useReceiver } from '../support/use-receiver.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const rx = useReceiver();
const p = useTestPlatform({ kit: 'webhooks' });
const h = p.headers;

const item = (script: string, extra: object = {}) => ({ type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script, dimension: { width: 320, height: 180 }, ...extra });

async function addEndpoint(headers: Record<string, string>, url: string, events?: string[]) {
  const r = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers, payload: events ? { url, events } : { url } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data as { endpoint_id: string; secret: string };
}

async function postBatch(payload: object) {
  const r = await p.app.inject({ method: 'POST', url: '/v3/videos/batches', headers: h, payload });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data as { batch_id: string; items: { video_id: string | null }[] };
}

describe('batch.finished', () => {
  test('once every item settled: unsigned to the batch callback_url, signed to subscribed endpoints; per-video events as usual', async () => {
    const ep = await addEndpoint(h, rx.url('/batches'), ['batch.finished']);
    const videos = await addEndpoint(h, rx.url('/videos'), ['avatar_video.success']);
    const other = await newSpaceKey(p, 'other');
    await addEndpoint(other, rx.url('/other-space'));
    const batch = await postBatch({
      title: 'launch',
      callback_url: rx.url('/batch-cb'),
      videos: [item('One.', { callback_id: 'one', callback_url: rx.url('/item-cb') }), item('Two.'), item('Ghost.', { avatar_id: 'ghost' })],
    });
    await p.pool.waitForIdle(20_000);

    const cb = rx.on('/batch-cb');
    assert.equal(cb.length, 1, 'the batch callback_url is called once');
    assert.equal(cb[0]!.headers['webhook-signature'], undefined, 'per-request callbacks are unsigned');
    const payload = JSON.parse(cb[0]!.body);
    assert.equal(payload.event_type, 'batch.finished');
    assert.deepEqual(payload.event_data, {
      batch_id: batch.batch_id,
      title: 'launch',
      status: 'completed',
      total_items: 3,
      counts_by_status: { queued: 0, processing: 0, completed: 2, failed: 1 },
    });

    const signed = rx.on('/batches');
    assert.equal(signed.length, 1);
    const verified = new Webhook(ep.secret).verify(signed[0]!.body, signed[0]!.headers) as Record<string, any>;
    assert.equal(verified.event_type, 'batch.finished');
    assert.equal(verified.event_data.batch_id, batch.batch_id);
    assert.equal(rx.on('/other-space').length, 0, 'another space hears nothing');

    // The items are ordinary videos: their own events and callbacks.
    const perVideo = rx.on('/videos').map((a) => (new Webhook(videos.secret).verify(a.body, a.headers) as Record<string, any>).event_data.video_id).sort();
    assert.deepEqual(perVideo, [batch.items[0]!.video_id, batch.items[1]!.video_id].sort());
    const itemCb = rx.on('/item-cb');
    assert.equal(itemCb.length, 1);
    assert.deepEqual([JSON.parse(itemCb[0]!.body).event_data.video_id, JSON.parse(itemCb[0]!.body).event_data.callback_id], [batch.items[0]!.video_id, 'one']);

    // Listed with the space's events, under the batch id.
    const events = (await p.app.inject({ method: 'GET', url: `/v3/webhooks/events?event_type=batch.finished&entity_id=${batch.batch_id}`, headers: h })).json();
    assert.equal(events.data.length, 1, JSON.stringify(events));
  });

  test('a batch whose every item failed at creation finishes at once, failed', async () => {
    const batch = await postBatch({ callback_url: rx.url('/all-failed'), videos: [item('x', { avatar_id: 'ghost' }), item('y', { voice_id: 'nope' })] });
    await p.pool.waitForIdle(20_000);
    const cb = rx.on('/all-failed');
    assert.equal(cb.length, 1);
    const data = JSON.parse(cb[0]!.body).event_data;
    assert.equal(data.batch_id, batch.batch_id);
    assert.equal(data.status, 'failed');
    assert.deepEqual(data.counts_by_status, { queued: 0, processing: 0, completed: 0, failed: 2 });
  });

  test('event types list batch.finished, and an endpoint can subscribe to it', async () => {
    const types = (await p.app.inject({ method: 'GET', url: '/v3/webhooks/event-types', headers: h })).json();
    assert.ok(JSON.stringify(types).includes('batch.finished'), JSON.stringify(types));
  });
});
